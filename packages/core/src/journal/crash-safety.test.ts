import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRecordId } from '../records/next-record-id.js';
import { journalPaths } from './journal-paths.js';
import { openJournal } from './open-journal.js';
import { bundleJournal } from './test-support/bundle-journal.js';

/**
 * Kills a real writer process with SIGKILL at random moments and checks that every resume finds
 * a clean journal holding everything the writer was told is durable. The writer runs the bundled
 * journal module (see `bundleJournal`).
 */

const WRITER = `
import { nextRecordId, openJournal } from './journal.mjs';
const output = process.argv[2];
const opened = await openJournal({ outputPath: output, mode: 'resume' });
let count = opened.existing.length;
process.stdout.write('ready\\n');
for (let batch = 1; ; batch += 1) {
  // Every 25th batch is one record larger than Node's 512 KiB write chunk, so a kill can land between chunks.
  const big = batch % 25 === 0;
  const size = big ? 1 : 1 + ((batch * 7) % 9);
  const entries = [];
  for (let index = 0; index < size; index += 1) {
    const n = count + index;
    entries.push({ id: nextRecordId(n), data: { n, text: big ? '写'.repeat(240000) : '记录 ' + n } });
  }
  await opened.journal.appendAccepted(entries);
  count += size;
  process.stdout.write(entries.map((entry) => entry.id).join('\\n') + '\\n');
  if (batch % 3 === 0) await opened.journal.appendRejected([{ kind: 'invalid', reasons: ['too short'], batch }]);
  await opened.journal.writeState({ accepted: count, batch });
}
`;

// Runs under a file-size limit: one small batch fits, a large one does not (EFBIG), then one more
// small batch. Prints what each append did and the journal's size after each step.
const LIMITED_WRITER = `
import fs from 'node:fs';
import { journalPaths, openJournal } from './journal.mjs';
process.on('SIGXFSZ', () => {}); // the default action kills; ignored, the write fails with EFBIG
const output = process.argv[2];
const file = journalPaths(output).journal;
const opened = await openJournal({ outputPath: output, mode: 'new' });
const outcome = async (entries) => {
  const result = await opened.journal.appendAccepted(entries).then(() => 'ok', (error) => error.code + ': ' + error.message);
  return { result, size: fs.statSync(file).size };
};
const steps = [];
steps.push(await outcome([{ id: 'SYNTH_0001', data: { text: 'small' } }]));
steps.push(await outcome([{ id: 'SYNTH_0002', data: { text: 'x'.repeat(100000) } }]));
steps.push(await outcome([{ id: 'SYNTH_0003', data: { text: 'small again' } }]));
await opened.journal.close();
process.stdout.write(JSON.stringify(steps));
`;

const execFileAsync = promisify(execFile);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-crash-'));
const writer = path.join(root, 'writer.mjs');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await bundleJournal(path.join(root, 'journal.mjs'));
  fs.writeFileSync(writer, WRITER);
  fs.writeFileSync(path.join(root, 'limited-writer.mjs'), LIMITED_WRITER);
});

/** Runs the writer until it has been going for `runMs` after opening, then SIGKILLs it. */
async function runAndKill(output: string, runMs: number): Promise<string[]> {
  const child: ChildProcess = spawn(process.execPath, [writer, output], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer never became ready: ${stderr}`)), 100_000);
    const check = (): void => {
      if (stdout.includes('ready\n')) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`writer exited early: ${stderr}`));
    });
  });
  await new Promise((resolve) => setTimeout(resolve, runMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return complete.split('\n').filter((line) => line.startsWith('SYNTH_'));
}

describe('journal under kill -9', () => {
  it('resumes cleanly after 12 SIGKILLs at random moments, losing nothing reported as durable', async () => {
    const output = path.join(root, 'out', 'synthetic.json');
    const paths = journalPaths(output);
    const reported = new Set<string>();
    let tornLinesDropped = 0;
    for (let round = 0; round < 12; round += 1) {
      const runMs = 20 + Math.floor(Math.random() * 230);
      for (const id of await runAndKill(output, runMs)) reported.add(id);

      const opened = await openJournal({ outputPath: output, mode: 'resume' });
      if (opened.droppedTornLine) tornLinesDropped += 1;
      const ids = opened.existing.map((entry) => entry.id);
      expect(ids).toEqual(ids.map((_, index) => nextRecordId(index)));
      expect(opened.existing.every((entry, index) => entry.data.n === index)).toBe(true);
      const present = new Set(ids);
      expect([...reported].filter((id) => !present.has(id))).toEqual([]);

      for (const file of [paths.journal, paths.rejects]) {
        if (!fs.existsSync(file)) continue;
        const text = fs.readFileSync(file, 'utf8');
        if (text !== '') expect(text.endsWith('\n')).toBe(true);
        for (const line of text.split('\n').slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
      }
      const state = opened.state as { accepted: number } | undefined;
      if (state !== undefined) expect(state.accepted).toBeLessThanOrEqual(ids.length);
      await opened.journal.close();
    }
    expect(reported.size).toBeGreaterThan(50);
    const leftovers = [path.dirname(output), journalPaths(output).folder]
      .flatMap((dir) => fs.readdirSync(dir))
      .filter((name) => name.includes('.tmp-'));
    expect(leftovers).toEqual([]);
    console.log(
      `crash-safety: ${reported.size} records reported durable, ${tornLinesDropped} torn tails dropped`,
    );
  }, 60_000);

  it.skipIf(process.platform === 'win32')(
    'cuts a failed write back off the file and takes no append after it (a resume would reuse ids)',
    async () => {
      const output = path.join(root, 'limited', 'synthetic.json');
      fs.mkdirSync(path.dirname(output));
      // 64 blocks of 512 bytes: room for the small lines, not for the 100 KB one.
      const { stdout, stderr } = await execFileAsync('/bin/sh', [
        '-c',
        'ulimit -f 64 && exec "$0" "$@"',
        process.execPath,
        path.join(root, 'limited-writer.mjs'),
        output,
      ]);
      expect(stderr).toBe('');
      const [first, failed, after] = JSON.parse(stdout) as { result: string; size: number }[];
      expect(first!.result).toBe('ok');
      expect(failed!.result).toMatch(/^io: Could not append to the journal .*EFBIG.*then resume\.$/);
      expect(failed!.size).toBe(first!.size);
      expect(after!.result).toBe(failed!.result);
      expect(after!.size).toBe(first!.size);
      const opened = await openJournal({ outputPath: output, mode: 'resume' });
      expect(opened.existing.map((entry) => entry.id)).toEqual(['SYNTH_0001']);
      expect(opened.droppedTornLine).toBe(false);
      await opened.journal.close();
    },
  );
});
