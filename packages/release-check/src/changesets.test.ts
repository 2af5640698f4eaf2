import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listPublishedPackages, REPOSITORY_ROOT } from './published-packages.js';
import { expectSuccess, runCommand } from './run-command.js';

// `changeset status` and `changeset version` run on a copy of the release inputs (the root manifest,
// the workspace file, `.changeset/` and every package.json) in a temporary git repository, so the
// real checkout is never touched.

const changesetBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@changesets/cli/package.json')),
  'bin.js',
);
const published = listPublishedPackages();
const temporaryDirectories: string[] = [];

afterEach(() => {
  for (const directory of temporaryDirectories.splice(0))
    fs.rmSync(directory, { recursive: true, force: true });
});

interface ReleasePlan {
  changesets: { id: string; summary: string; releases: { name: string; type: string }[] }[];
  releases: { name: string; type: string; oldVersion: string; newVersion: string; changesets: string[] }[];
}

async function git(cwd: string, args: readonly string[]): Promise<void> {
  const identity = { name: 'release-check', email: 'release-check@localhost' };
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
  // The user's hooks and signing settings have no business in a throwaway repository.
  const isolated = ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args];
  expectSuccess(await runCommand('git', isolated, { cwd, env }), `git ${args.join(' ')}`);
}

/** A git repository holding the repo's release inputs; `keepChangesets: false` empties `.changeset/` of entries. */
async function releaseCopy(options: { keepChangesets: boolean }): Promise<string> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-changesets-'));
  temporaryDirectories.push(directory);
  for (const file of ['package.json', 'pnpm-workspace.yaml']) {
    fs.copyFileSync(path.join(REPOSITORY_ROOT, file), path.join(directory, file));
  }
  fs.cpSync(path.join(REPOSITORY_ROOT, '.changeset'), path.join(directory, '.changeset'), {
    recursive: true,
    filter: (source) => options.keepChangesets || !/\.changeset\/(?!README\.md$)[^/]+\.md$/.test(source),
  });
  for (const group of ['packages', 'apps']) {
    for (const name of fs.readdirSync(path.join(REPOSITORY_ROOT, group))) {
      const manifest = path.join(REPOSITORY_ROOT, group, name, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      fs.mkdirSync(path.join(directory, group, name), { recursive: true });
      fs.copyFileSync(manifest, path.join(directory, group, name, 'package.json'));
    }
  }
  await git(directory, ['init', '--quiet', '--initial-branch=main']);
  await git(directory, ['add', '--all']);
  await git(directory, ['commit', '--quiet', '--message', 'release inputs']);
  return directory;
}

async function changeset(cwd: string, args: readonly string[]): Promise<string> {
  return expectSuccess(
    await runCommand(process.execPath, [changesetBin, ...args], { cwd, env: { ...process.env, CI: 'true' } }),
    `changeset ${args.join(' ')}`,
  );
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

describe('changesets', () => {
  it("`changeset status` plans the repo's pending changesets and `changeset version` writes them to CHANGELOGs", async () => {
    const directory = await releaseCopy({ keepChangesets: true });
    await changeset(directory, ['status', '--output=plan.json']);
    const plan = readJson<ReleasePlan>(path.join(directory, 'plan.json'));
    const publishedNames = published.map((entry) => entry.name);
    // Private packages (testkit, release-check) may appear, but only as `none`: never versioned.
    for (const release of plan.releases.filter((entry) => entry.type !== 'none')) {
      expect(publishedNames).toContain(release.name);
    }

    await changeset(directory, ['version']);
    for (const release of plan.releases.filter((entry) => entry.type !== 'none')) {
      const entry = published.find((candidate) => candidate.name === release.name);
      if (!entry) throw new Error(`${release.name} is not published`);
      const manifest = readJson<{ version: string }>(path.join(directory, entry.directory, 'package.json'));
      expect(manifest.version).toBe(release.newVersion);
      const changelog = fs.readFileSync(path.join(directory, entry.directory, 'CHANGELOG.md'), 'utf8');
      expect(changelog.startsWith(`# ${release.name}\n\n## ${release.newVersion}\n`)).toBe(true);
      for (const id of release.changesets) {
        const summary = plan.changesets.find((candidate) => candidate.id === id)?.summary ?? '';
        expect(changelog, `${release.name}: changeset ${id}`).toContain(summary.split('\n')[0]);
      }
    }
    // Consumed changesets are removed; only the README and the config stay.
    expect(fs.readdirSync(path.join(directory, '.changeset')).sort()).toEqual(['README.md', 'config.json']);
  });

  it('versions packages independently: a patch to one leaf bumps that package alone', async () => {
    const directory = await releaseCopy({ keepChangesets: false });
    fs.writeFileSync(
      path.join(directory, '.changeset', 'prompts-fix.md'),
      '---\n"@datasynth/prompts": patch\n---\n\nRelease check: one patch.\n',
    );
    await changeset(directory, ['version']);
    for (const entry of published) {
      const manifest = readJson<{ version: string }>(path.join(directory, entry.directory, 'package.json'));
      const changelog = path.join(directory, entry.directory, 'CHANGELOG.md');
      if (entry.name === '@datasynth/prompts') {
        const [major, minor, patch] = entry.version.split('.').map(Number);
        expect(manifest.version).toBe(`${major}.${minor}.${(patch ?? 0) + 1}`);
        expect(fs.readFileSync(changelog, 'utf8')).toContain('Release check: one patch.');
      } else {
        expect(manifest.version, entry.name).toBe(entry.version);
        expect(fs.existsSync(changelog), entry.name).toBe(false);
      }
    }
  });
});
