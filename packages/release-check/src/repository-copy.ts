import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from './published-packages.js';
import { expectSuccess, runCommand } from './run-command.js';

const GIT_IDENTITY = ['-c', 'user.name=release-check', '-c', 'user.email=release-check@localhost'];

/**
 * A fresh clone of the working tree in `target`: the files a commit of it would hold (tracked and
 * untracked-but-not-ignored, as `git ls-files` lists them, so uncommitted README edits count), and
 * nothing it ignores — no `node_modules`, no `dist`, no turbo cache. It is committed into a new git
 * repository, so `git status` there shows exactly what later commands change.
 */
export async function copyRepository(target: string): Promise<void> {
  const git = (args: readonly string[], cwd: string) =>
    runCommand('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  const listing = expectSuccess(
    await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPOSITORY_ROOT),
    'git ls-files',
  );
  fs.mkdirSync(target, { recursive: true });
  for (const file of listing.split('\0')) {
    const source = path.join(REPOSITORY_ROOT, file);
    if (file === '' || !fs.existsSync(source)) continue; // deleted in the working tree
    const destination = path.join(target, file);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    if (fs.lstatSync(source).isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), destination);
    else fs.copyFileSync(source, destination);
  }
  expectSuccess(await git(['init', '--quiet'], target), 'git init');
  expectSuccess(await git(['add', '--all'], target), 'git add');
  expectSuccess(await git([...GIT_IDENTITY, 'commit', '--quiet', '-m', 'fresh clone'], target), 'git commit');
}

/** `git status --porcelain` of a repository: one line per modified or untracked, not ignored, path. */
export async function gitStatus(repository: string): Promise<string[]> {
  const status = await runCommand('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: repository,
    env: { ...process.env },
  });
  return expectSuccess(status, 'git status')
    .split('\n')
    .filter((line) => line !== '');
}

/** The ignored folders a set-up clone holds: installed dependencies and build outputs. */
const SET_UP_FOLDERS = new Set(['node_modules', 'dist', '.turbo']);

/**
 * Removes from a clone what commands wrote into ignored places (`demo-output/`, a DataRecipe
 * folder's `11_合成数据/`, …), keeping what set-up made (`node_modules`, `dist`, `.turbo`): the
 * clone as a reader finds it who has installed and built but run nothing else.
 */
export async function removeCommandOutputs(repository: string): Promise<string[]> {
  const status = await runCommand('git', ['status', '--porcelain', '--ignored', '-z'], {
    cwd: repository,
    env: { ...process.env },
  });
  const removed: string[] = [];
  for (const entry of expectSuccess(status, 'git status --ignored').split('\0')) {
    if (!entry.startsWith('!! ')) continue;
    const relative = entry.slice(3);
    if (SET_UP_FOLDERS.has(path.basename(relative.replace(/\/$/, '')))) continue;
    fs.rmSync(path.join(repository, relative), { recursive: true, force: true });
    removed.push(relative);
  }
  return removed;
}
