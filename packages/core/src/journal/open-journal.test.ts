import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextRecordId } from '../records/next-record-id.js';
import { JournalError } from './journal-error.js';
import { journalPaths } from './journal-paths.js';
import { openJournal } from './open-journal.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-open-journal-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function outputPath(name = 'synthetic.json'): string {
  counter += 1;
  return path.join(root, `run-${counter}`, '11_合成数据', name);
}

function line(index: number, data: Record<string, unknown> = { n: index }): string {
  return `${JSON.stringify({ id: nextRecordId(index), data })}\n`;
}

async function errorOf(promise: Promise<unknown>): Promise<JournalError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JournalError);
  return error as JournalError;
}

/** The output's folder and its bookkeeping folder (outside 11_合成数据 for these DataRecipe-style paths). */
function makeFolders(output: string): void {
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.mkdirSync(journalPaths(output).folder, { recursive: true });
}

describe('openJournal: new', () => {
  it('creates the output directory and an empty journal, then accepts appends', async () => {
    const output = outputPath();
    const opened = await openJournal({ outputPath: output, mode: 'new' });
    expect(opened).toMatchObject({ existing: [], state: undefined, droppedTornLine: false, rejectsCount: 0 });
    await opened.journal.appendAccepted([{ id: 'SYNTH_0001', data: { instruction: '写一首诗' } }]);
    await opened.journal.close();
    expect(fs.readFileSync(journalPaths(output).journal, 'utf8')).toBe(
      '{"id":"SYNTH_0001","data":{"instruction":"写一首诗"}}\n',
    );
  });

  it('refuses an existing output without touching anything', async () => {
    const output = outputPath();
    makeFolders(output);
    fs.writeFileSync(output, '{"samples":[]}');
    const error = await errorOf(openJournal({ outputPath: output, mode: 'new' }));
    expect(error.code).toBe('exists');
    expect(error.path).toBe(output);
    expect(error.message).toBe(
      `Output ${output} already exists. Use the resume option to continue it, or the overwrite option to replace it.`,
    );
    expect(fs.readdirSync(path.dirname(output))).toEqual(['synthetic.json']);
    expect(fs.readdirSync(journalPaths(output).folder)).toEqual([]);
  });

  it('refuses a leftover journal, state or rejects file of an interrupted run', async () => {
    for (const which of ['journal', 'state', 'rejects'] as const) {
      const output = outputPath();
      const file = journalPaths(output)[which];
      makeFolders(output);
      fs.writeFileSync(file, which === 'state' ? '{}' : line(0));
      const error = await errorOf(openJournal({ outputPath: output, mode: 'new' }));
      expect(error.code).toBe('exists');
      expect(error.path).toBe(file);
      expect(error.message).toContain('resume');
      expect(fs.readdirSync(journalPaths(output).folder)).toEqual([path.basename(file)]);
    }
  });
});

describe('openJournal: resume', () => {
  it('moves the journal, rejects and state an earlier release kept beside the output into .datasynth/', async () => {
    const output = outputPath();
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(`${output}.journal.jsonl`, line(0) + line(1));
    fs.writeFileSync(`${output}.rejects.jsonl`, '{"kind":"invalid","reasons":["x"]}\n');
    fs.writeFileSync(`${output}.state.json`, '{"accepted":2}');
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing.map((entry) => entry.id)).toEqual(['SYNTH_0001', 'SYNTH_0002']);
    expect(opened.state).toEqual({ accepted: 2 });
    expect(opened.rejectsCount).toBe(1);
    await opened.journal.close();
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
    expect(fs.readdirSync(journalPaths(output).folder).sort()).toEqual([
      'synthetic.json.journal.jsonl',
      'synthetic.json.rejects.jsonl',
      'synthetic.json.state.json',
    ]);
  });

  it('starts fresh when nothing exists', async () => {
    const output = outputPath();
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toEqual([]);
    expect(fs.existsSync(journalPaths(output).journal)).toBe(true);
    await opened.journal.close();
  });

  it('returns the records, state and rejects count a previous run left, and appends after them', async () => {
    const output = outputPath();
    const first = await openJournal({ outputPath: output, mode: 'new' });
    await first.journal.appendAccepted([
      { id: 'SYNTH_0001', data: { q: '一' } },
      { id: 'SYNTH_0002', data: { q: '二' }, judge: { score: 1 } },
    ]);
    await first.journal.appendRejected([{ kind: 'duplicate', reasons: ['exact duplicate of SYNTH_0001'] }]);
    await first.journal.writeState({ accepted: 2, batchIds: ['msgbatch_1'] });
    await first.journal.close();

    const second = await openJournal({ outputPath: output, mode: 'resume' });
    expect(second.existing).toEqual([
      { id: 'SYNTH_0001', data: { q: '一' } },
      { id: 'SYNTH_0002', data: { q: '二' }, judge: { score: 1 } },
    ]);
    expect(second.state).toEqual({ accepted: 2, batchIds: ['msgbatch_1'] });
    expect(second.rejectsCount).toBe(1);
    expect(second.droppedTornLine).toBe(false);
    await second.journal.appendAccepted([{ id: nextRecordId(second.existing.length), data: { q: '三' } }]);
    await second.journal.close();

    const third = await openJournal({ outputPath: output, mode: 'resume' });
    expect(third.existing.map((entry) => entry.id)).toEqual(['SYNTH_0001', 'SYNTH_0002', 'SYNTH_0003']);
    await third.journal.close();
  });

  it('drops a torn last line without a newline and truncates the file to the last complete line', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    const complete = line(0) + line(1);
    fs.writeFileSync(journal, `${complete}{"id":"SYNTH_0003","data":{"n":`);
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.droppedTornLine).toBe(true);
    expect(opened.existing.map((entry) => entry.id)).toEqual(['SYNTH_0001', 'SYNTH_0002']);
    expect(fs.readFileSync(journal, 'utf8')).toBe(complete);
    await opened.journal.appendAccepted([{ id: 'SYNTH_0003', data: { n: 3 } }]);
    await opened.journal.close();
    expect(fs.readFileSync(journal, 'utf8')).toBe(`${complete}${line(2, { n: 3 })}`);
  });

  it('drops a complete-looking last line that has no newline (its append never finished)', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(journal, line(0) + line(1).trimEnd());
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toHaveLength(1);
    expect(opened.droppedTornLine).toBe(true);
    expect(fs.readFileSync(journal, 'utf8')).toBe(line(0));
    await opened.journal.close();
  });

  it('drops a last line that ends in a newline but is not JSON (e.g. zero bytes after power loss)', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(journal, `${line(0)}\0\0\0\0\n\n`);
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toHaveLength(1);
    expect(opened.droppedTornLine).toBe(true);
    expect(fs.readFileSync(journal, 'utf8')).toBe(line(0));
    await opened.journal.close();
  });

  it('keeps a multi-byte (CJK) record whole when the torn line splits a character', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    const torn = Buffer.from(line(1, { q: '不但春妍夏亦佳' }), 'utf8').subarray(0, 30);
    fs.writeFileSync(journal, Buffer.concat([Buffer.from(line(0, { q: '随缘花草是生涯' })), torn]));
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toEqual([{ id: 'SYNTH_0001', data: { q: '随缘花草是生涯' } }]);
    expect(fs.readFileSync(journal, 'utf8')).toBe(line(0, { q: '随缘花草是生涯' }));
    await opened.journal.close();
  });

  it('fails on a corrupt line in the middle, naming the file and line, and leaves the file alone', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    const content = `${line(0)}{"id":"SYNTH_0002","da\n${line(2)}`;
    fs.writeFileSync(journal, content);
    const error = await errorOf(openJournal({ outputPath: output, mode: 'resume' }));
    expect(error.code).toBe('corrupt');
    expect(error.path).toBe(journal);
    expect(error.message).toBe(
      `Journal ${journal} is corrupt at line 2: not valid JSON. Fix or delete that line, then resume.`,
    );
    expect(fs.readFileSync(journal, 'utf8')).toBe(content);
  });

  it('fails on a line that is JSON but not a journal entry', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(journal, `${line(0)}{"data":{}}\n`);
    const error = await errorOf(openJournal({ outputPath: output, mode: 'resume' }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/corrupt at line 2: id: /);
  });

  it('drops a torn rejects line too and counts the complete ones', async () => {
    const output = outputPath();
    const paths = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(paths.journal, line(0));
    const reject = `${JSON.stringify({ kind: 'invalid', reasons: ['missing output'], at: '2025-01-01T00:00:00.000Z' })}\n`;
    fs.writeFileSync(paths.rejects, `${reject}${reject}{"kind":"inv`);
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.rejectsCount).toBe(2);
    expect(opened.droppedTornLine).toBe(true);
    expect(fs.readFileSync(paths.rejects, 'utf8')).toBe(reject + reject);
    await opened.journal.close();
  });

  it('reports a state file that is not JSON as corrupt, saying how to recover', async () => {
    const output = outputPath();
    const paths = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(paths.journal, line(0));
    fs.writeFileSync(paths.state, '{"accepted":');
    const error = await errorOf(openJournal({ outputPath: output, mode: 'resume' }));
    expect(error).toMatchObject({ code: 'corrupt', path: paths.state });
    expect(error.message).toContain('delete it to resume from the journal alone');
  });

  it('removes temp files a crashed process left behind, but not those of a live process', async () => {
    const output = outputPath();
    const paths = journalPaths(output);
    makeFolders(output);
    const deadPid = 2 ** 22 + 12_345;
    fs.writeFileSync(`${paths.state}.tmp-${deadPid}-abcdef`, '{"half');
    fs.writeFileSync(`${paths.output}.tmp-${deadPid}-012345`, '{"half');
    fs.writeFileSync(`${paths.state}.tmp-${process.ppid}-abcdef`, '{"other writer');
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    await opened.journal.close();
    expect(fs.readdirSync(paths.folder).sort()).toEqual(
      [path.basename(paths.journal), `${path.basename(paths.state)}.tmp-${process.ppid}-abcdef`].sort(),
    );
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
  });

  it('starts from the records of an existing output when its journal is gone, so finishing cannot drop them', async () => {
    const output = outputPath();
    makeFolders(output);
    fs.writeFileSync(
      output,
      JSON.stringify({ metadata: {}, samples: [{ id: 'SYNTH_0001', data: { q: '一' }, synthetic: true }] }),
    );
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toEqual([{ id: 'SYNTH_0001', data: { q: '一' } }]);
    await opened.journal.close();
  });

  it('reads a 20,000-record journal with a torn tail, keeping every complete line', async () => {
    const output = outputPath();
    const { journal } = journalPaths(output);
    makeFolders(output);
    const parts: string[] = [];
    for (let index = 0; index < 20_000; index += 1) {
      parts.push(line(index, { instruction: `第${index}条指令`, input: '', output: 'x'.repeat(40) }));
    }
    fs.writeFileSync(journal, `${parts.join('')}{"id":"SYNTH_20001","data":{"instr`);
    const opened = await openJournal({ outputPath: output, mode: 'resume' });
    expect(opened.existing).toHaveLength(20_000);
    expect(opened.existing[19_999]?.id).toBe('SYNTH_20000');
    expect(opened.droppedTornLine).toBe(true);
    await opened.journal.close();
  });
});

describe('openJournal: overwrite', () => {
  it('deletes the previous journal, rejects and state but leaves the output until finalize', async () => {
    const output = outputPath();
    const paths = journalPaths(output);
    makeFolders(output);
    fs.writeFileSync(output, '{"samples":[]}');
    fs.writeFileSync(paths.journal, line(0));
    fs.writeFileSync(paths.rejects, '{"kind":"invalid","reasons":[]}\n');
    fs.writeFileSync(paths.state, '{}');
    const opened = await openJournal({ outputPath: output, mode: 'overwrite' });
    expect(opened).toMatchObject({ existing: [], state: undefined, rejectsCount: 0 });
    expect(fs.readFileSync(paths.journal, 'utf8')).toBe('');
    expect(fs.existsSync(paths.rejects)).toBe(false);
    expect(fs.existsSync(paths.state)).toBe(false);
    expect(fs.readFileSync(output, 'utf8')).toBe('{"samples":[]}');
    await opened.journal.close();
  });
});

describe('openJournal: append', () => {
  it('seeds the journal from a DataSynth envelope, keeping ids and extra sample keys', async () => {
    const output = outputPath();
    makeFolders(output);
    fs.writeFileSync(
      output,
      JSON.stringify(
        {
          metadata: { model: 'm' },
          schema: { fields: [{ name: 'q' }] },
          samples: [
            { id: 'SYNTH_0001', data: { q: '一' }, synthetic: true },
            { id: 'SYNTH_0002', data: { q: '二' }, synthetic: true, judge: { score: 0.5 } },
          ],
        },
        null,
        2,
      ),
    );
    const opened = await openJournal({ outputPath: output, mode: 'append' });
    expect(opened.existing).toEqual([
      { id: 'SYNTH_0001', data: { q: '一' } },
      { id: 'SYNTH_0002', data: { q: '二' }, judge: { score: 0.5 } },
    ]);
    expect(opened.state).toBeUndefined();
    await opened.journal.appendAccepted([{ id: nextRecordId(opened.existing.length), data: { q: '三' } }]);
    await opened.journal.close();
    const reopened = await openJournal({ outputPath: output, mode: 'append' });
    expect(reopened.existing.map((entry) => entry.id)).toEqual(['SYNTH_0001', 'SYNTH_0002', 'SYNTH_0003']);
    await reopened.journal.close();
  });

  it('seeds the journal from a JSONL output, numbering its records', async () => {
    const output = outputPath('synthetic.jsonl');
    makeFolders(output);
    fs.writeFileSync(output, '{"q":"一"}\n{"q":"二"}\n');
    const opened = await openJournal({ outputPath: output, mode: 'append' });
    expect(opened.existing).toEqual([
      { id: 'SYNTH_0001', data: { q: '一' } },
      { id: 'SYNTH_0002', data: { q: '二' } },
    ]);
    await opened.journal.close();
    expect(fs.readFileSync(journalPaths(output).journal, 'utf8')).toBe(
      '{"id":"SYNTH_0001","data":{"q":"一"}}\n{"id":"SYNTH_0002","data":{"q":"二"}}\n',
    );
  });

  it('starts from nothing when neither output nor journal exists', async () => {
    const opened = await openJournal({ outputPath: outputPath(), mode: 'append' });
    expect(opened.existing).toEqual([]);
    await opened.journal.close();
  });

  it('fails clearly when the existing output is not a records file', async () => {
    const output = outputPath();
    makeFolders(output);
    fs.writeFileSync(output, '{\n  "fields": []\n}\n');
    const error = await errorOf(openJournal({ outputPath: output, mode: 'append' }));
    expect(error).toMatchObject({ code: 'corrupt', path: output });
    expect(error.message).toContain('is not a records file');
  });
});
