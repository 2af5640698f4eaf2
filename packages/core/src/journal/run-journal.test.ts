import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeJsonl } from '../../test/helpers.js';
import { nextRecordId } from '../records/next-record-id.js';
import { JournalError } from './journal-error.js';
import { journalPaths } from './journal-paths.js';
import { openJournal } from './open-journal.js';
import { RunJournal } from './run-journal.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-run-journal-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function outputPath(): string {
  counter += 1;
  return path.join(root, `run-${counter}`, 'synthetic.json');
}

describe('RunJournal', () => {
  it('keeps concurrent appends whole and in call order', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    const big = 'y'.repeat(200_000);
    const batches = Array.from({ length: 30 }, (_, batch) =>
      Array.from({ length: 5 }, (_, item) => ({
        id: nextRecordId(batch * 5 + item),
        data: { text: batch % 3 === 0 ? big : `批次${batch}`, batch },
      })),
    );
    await Promise.all(batches.map((batch) => journal.appendAccepted(batch)));
    await journal.close();
    const ids = readWholeJsonl(journalPaths(output).journal).map((entry) => (entry as { id: string }).id);
    expect(ids).toEqual(batches.flat().map((entry) => entry.id));
  });

  it('groups appends made during one write into the next write instead of queueing them one by one', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    const file = journalPaths(output).journal;
    const appends = Array.from({ length: 40 }, (_, index) =>
      journal.appendAccepted([{ id: nextRecordId(index), data: { index } }]),
    );
    // All 40 are made before the first write starts, so they share it: by the time the second
    // resolves, the last is on disk too (one write + fsync per append would have written two).
    await appends[1];
    expect(readWholeJsonl(file)).toHaveLength(40);
    await Promise.all(appends);
    await journal.close();
  });

  it('writes rejects with their reasons and a timestamp', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    expect(fs.existsSync(journalPaths(output).rejects)).toBe(false);
    await journal.appendRejected([
      { kind: 'invalid', reasons: ['output: required'], data: { instruction: '写诗' }, batch: 3 },
      {
        kind: 'unparsed',
        reasons: ['no JSON found'],
        raw: 'Sorry, I cannot',
        at: '2025-05-01T10:00:00.000Z',
      },
    ]);
    await journal.close();
    const [first, second] = readWholeJsonl(journalPaths(output).rejects) as Record<string, unknown>[];
    expect(first).toMatchObject({
      kind: 'invalid',
      reasons: ['output: required'],
      data: { instruction: '写诗' },
      batch: 3,
    });
    expect(Number.isNaN(Date.parse(String(first?.at)))).toBe(false);
    expect(second).toEqual({
      kind: 'unparsed',
      reasons: ['no JSON found'],
      raw: 'Sorry, I cannot',
      at: '2025-05-01T10:00:00.000Z',
    });
  });

  it('replaces the state atomically, the last call winning, with no temp files left', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => journal.writeState({ accepted: index, cost: 0.01 * index })),
    );
    await journal.close();
    const paths = journalPaths(output);
    expect(JSON.parse(fs.readFileSync(paths.state, 'utf8'))).toEqual({ accepted: 9, cost: 0.09 });
    expect(fs.readdirSync(paths.folder).sort()).toEqual(
      [path.basename(paths.journal), path.basename(paths.state)].sort(),
    );
  });

  it('does nothing for an empty batch', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    await journal.appendAccepted([]);
    await journal.appendRejected([]);
    await journal.close();
    expect(fs.readFileSync(journalPaths(output).journal, 'utf8')).toBe('');
    expect(fs.existsSync(journalPaths(output).rejects)).toBe(false);
  });

  it('rejects entries it could not read back, and a state that is not JSON', async () => {
    const output = outputPath();
    const { journal } = await openJournal({ outputPath: output, mode: 'new' });
    await expect(journal.appendAccepted([{ id: '', data: {} }])).rejects.toThrow(TypeError);
    await expect(journal.appendAccepted([{ id: 'SYNTH_0001', data: [] as never }])).rejects.toThrow(
      TypeError,
    );
    await expect(journal.appendAccepted([{ id: 'SYNTH_0001', data: { n: 1n } }])).rejects.toThrow(TypeError);
    await expect(journal.writeState(undefined)).rejects.toThrow(TypeError);
    await journal.close();
    expect(fs.readFileSync(journalPaths(output).journal, 'utf8')).toBe('');
  });

  it('refuses appends after close', async () => {
    const { journal } = await openJournal({ outputPath: outputPath(), mode: 'new' });
    await journal.close();
    await journal.close();
    await expect(journal.appendAccepted([{ id: 'SYNTH_0001', data: {} }])).rejects.toMatchObject({
      code: 'io',
    });
  });

  it.skipIf(!fs.existsSync('/dev/full'))(
    'turns a full disk into a one-line JournalError and stops appending',
    async () => {
      const output = outputPath();
      const paths = journalPaths(output);
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.mkdirSync(journalPaths(output).folder, { recursive: true });
      fs.symlinkSync('/dev/full', paths.journal);
      const journal = new RunJournal(paths);
      const error = await journal
        .appendAccepted([{ id: 'SYNTH_0001', data: { q: 'x' } }])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JournalError);
      expect(error).toMatchObject({ code: 'io', path: paths.journal });
      expect((error as Error).message).toContain('ENOSPC');
      expect((error as Error).message).not.toContain('\n');
      await expect(journal.appendAccepted([{ id: 'SYNTH_0002', data: {} }])).rejects.toBe(error);
      await journal.close();
    },
  );
});
