import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRecordId } from '../records/next-record-id.js';
import { JournalError } from './journal-error.js';
import { journalPaths } from './journal-paths.js';
import { type OpenJournalMode, openJournal } from './open-journal.js';
import { bundleJournal } from './test-support/bundle-journal.js';

/**
 * Two real processes on one output: a child opens the journal and holds it while this process
 * tries to open it too, through the bundled journal module (see `bundleJournal`).
 */

// Opens the journal, says so, then appends one record per line read from stdin; "close" closes it.
const HOLDER = `
import { createInterface } from 'node:readline';
import { nextRecordId, openJournal } from './journal.mjs';
const opened = await openJournal({ outputPath: process.argv[2], mode: 'resume' });
let count = opened.existing.length;
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'close') {
    await opened.journal.close();
    process.stdout.write('closed\\n');
    process.exit(0);
  }
  await opened.journal.appendAccepted([{ id: nextRecordId(count), data: { n: count } }]);
  count += 1;
  process.stdout.write('appended\\n');
}
`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-lock-'));
const holderScript = path.join(root, 'holder.mjs');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

beforeAll(async () => {
  await bundleJournal(path.join(root, 'journal.mjs'));
  fs.writeFileSync(holderScript, HOLDER);
});

let counter = 0;
function outputPath(): string {
  counter += 1;
  return path.join(root, `run-${counter}`, 'synthetic.json');
}

/** A child process holding the journal of `output`, with a way to wait for its next line. */
interface Holder {
  child: ChildProcess;
  waitFor(line: string): Promise<void>;
  exited: Promise<NodeJS.Signals | number | null>;
}

async function startHolder(output: string): Promise<Holder> {
  const child = spawn(process.execPath, [holderScript, output], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let seen = 0;
  const waitFor = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`holder never said ${line}: ${stderr}`)), 100_000);
      const check = (): void => {
        const at = stdout.indexOf(`${line}\n`, seen);
        if (at === -1) return;
        seen = at + line.length + 1;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`holder exited before saying ${line}: ${stderr}`));
      });
      check();
    });
  const holder = { child, waitFor, exited };
  await waitFor('ready');
  return holder;
}

/** Every file in the output's folder and its bookkeeping folder, with its contents. */
function snapshot(output: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of [path.dirname(output), journalPaths(output).folder]) {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isFile())
        files[path.join(dir, entry.name)] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
    }
  }
  return files;
}

function seedJournal(output: string, count: number): void {
  fs.mkdirSync(journalPaths(output).folder, { recursive: true });
  let text = '';
  for (let n = 0; n < count; n += 1) text += `${JSON.stringify({ id: nextRecordId(n), data: { n } })}\n`;
  fs.writeFileSync(journalPaths(output).journal, text);
  fs.writeFileSync(output, '{"keep": true}\n');
}

describe('the output lock across processes', () => {
  it('refuses every mode while another process holds the journal, and changes nothing', async () => {
    const output = outputPath();
    seedJournal(output, 3);
    const holder = await startHolder(output);
    const lockFile = journalPaths(output).lock;
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: holder.child.pid });
    const before = snapshot(output);

    for (const mode of ['new', 'resume', 'overwrite', 'append'] satisfies OpenJournalMode[]) {
      const error = await openJournal({ outputPath: output, mode }).catch((caught: unknown) => caught);
      expect(error, mode).toBeInstanceOf(JournalError);
      expect((error as JournalError).code, mode).toBe('locked');
      expect((error as JournalError).message).toBe(
        `Output ${output} is being written by process ${holder.child.pid}. Wait for it to finish or stop it (if no such process runs, delete ${lockFile}).`,
      );
    }
    expect(snapshot(output)).toEqual(before);

    // The holder still writes where it was: nothing was cut back or deleted under it.
    holder.child.stdin?.write('append\n');
    await holder.waitFor('appended');
    expect(fs.readFileSync(journalPaths(output).journal, 'utf8').trim().split('\n')).toHaveLength(4);
    holder.child.stdin?.write('close\n');
    await holder.waitFor('closed');
    expect(await holder.exited).toBe(0);
  });

  it('close() removes the lock, and the output can be opened again', async () => {
    const output = outputPath();
    seedJournal(output, 2);
    const holder = await startHolder(output);
    expect(fs.existsSync(journalPaths(output).lock)).toBe(true);
    holder.child.stdin?.write('close\n');
    await holder.waitFor('closed');
    await holder.exited;
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);

    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toHaveLength(2);
    expect(JSON.parse(fs.readFileSync(journalPaths(output).lock, 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await opened.journal.close();
    await opened.journal.close();
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
  });

  it('takes over a stale lock left by a process that was killed', async () => {
    const output = outputPath();
    seedJournal(output, 2);
    const holder = await startHolder(output);
    holder.child.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    const stale = JSON.parse(fs.readFileSync(journalPaths(output).lock, 'utf8')) as { pid: number };
    expect(stale.pid).toBe(holder.child.pid);

    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toHaveLength(2);
    expect(JSON.parse(fs.readFileSync(journalPaths(output).lock, 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await opened.journal.close();
    expect(fs.readdirSync(journalPaths(output).folder).filter((name) => name.includes('.lock'))).toEqual([]);
  });
});

describe('the output lock within one process', () => {
  it('refuses a second open while the first is not closed', async () => {
    const output = outputPath();
    const first = await openJournal({ outputPath: output, mode: 'new' });
    const error = await openJournal({ outputPath: output, mode: 'resume' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as JournalError).code).toBe('locked');
    expect((error as JournalError).message).toContain(`being written by process ${process.pid}.`);
    await first.journal.close();
    const second = await openJournal({ outputPath: output, mode: 'resume' });
    await second.journal.close();
  });

  it('releases the lock when opening fails after taking it', async () => {
    const output = outputPath();
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, '{}');
    const error = await openJournal({ outputPath: output, mode: 'new' }).catch((caught: unknown) => caught);
    expect((error as JournalError).code).toBe('exists');
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
  });

  it('treats a lock from another host as held (its pid cannot be checked from here)', async () => {
    const output = outputPath();
    fs.mkdirSync(journalPaths(output).folder, { recursive: true });
    const lock = { pid: 1, host: 'elsewhere.example', token: 'abc', startedAt: new Date().toISOString() };
    fs.writeFileSync(journalPaths(output).lock, JSON.stringify(lock));
    const error = await openJournal({ outputPath: output, mode: 'resume' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as JournalError).code).toBe('locked');
    expect((error as JournalError).message).toContain('process 1 on elsewhere.example');
    expect(fs.readdirSync(path.dirname(output))).toEqual(['.datasynth']);
    expect(fs.readdirSync(journalPaths(output).folder)).toEqual(['synthetic.json.lock']);
  });
});
