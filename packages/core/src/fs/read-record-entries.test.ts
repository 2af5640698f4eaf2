import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileError } from './file-error.js';
import { readRecordEntries } from './read-record-entries.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-read-records-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function file(content: string, name = 'records.json'): string {
  counter += 1;
  const target = path.join(root, `${counter}-${name}`);
  fs.writeFileSync(target, content);
  return target;
}

describe('readRecordEntries', () => {
  it('reads a pretty-printed envelope with ids, extras, metadata and schema', async () => {
    const envelope = {
      metadata: { model: 'claude' },
      schema: { fields: [{ name: 'q' }] },
      samples: [
        { id: 'SYNTH_0001', data: { q: '一' }, synthetic: true, judge: { score: 1 } },
        { id: 7, data: { q: '二' } },
        { data: { q: '三' } },
      ],
    };
    const contents = await readRecordEntries(file(JSON.stringify(envelope, null, 2)));
    expect(contents).toEqual({
      layout: 'envelope',
      metadata: { model: 'claude' },
      schema: { fields: [{ name: 'q' }] },
      entries: [
        { id: 'SYNTH_0001', data: { q: '一' }, extra: { judge: { score: 1 } } },
        { id: '7', data: { q: '二' }, extra: {} },
        { id: undefined, data: { q: '三' }, extra: {} },
      ],
    });
  });

  it('reads the real DataRecipe samples.json of the example folder', async () => {
    const samples = path.resolve(
      import.meta.dirname,
      '../../../../examples/datarecipe-belle-zh/09_样例数据/samples.json',
    );
    const contents = await readRecordEntries(samples);
    expect(contents.layout).toBe('envelope');
    expect(contents.entries[0]?.id).toBe('SAMPLE_001');
    expect(contents.entries[0]?.data.instruction).toBe('请以下面词语为主题写一首诗');
  });

  it('reads a one-line envelope as an envelope', async () => {
    const contents = await readRecordEntries(file('{"samples":[{"id":"A","data":{"x":1}}]}\n'));
    expect(contents.layout).toBe('envelope');
    expect(contents.entries).toEqual([{ id: 'A', data: { x: 1 }, extra: {} }]);
  });

  it('reads a JSON array of objects', async () => {
    const contents = await readRecordEntries(
      file('[\n  {"instruction": "写诗", "output": "好"},\n  {"instruction": "b"}\n]'),
    );
    expect(contents.layout).toBe('array');
    expect(contents.entries.map((entry) => entry.data)).toEqual([
      { instruction: '写诗', output: '好' },
      { instruction: 'b' },
    ]);
  });

  it('reads JSONL with a byte-order mark, CRLF line ends and blank lines', async () => {
    const contents = await readRecordEntries(file('\uFEFF{"a":1}\r\n\r\n{"a":"夏天"}\r\n', 'records.jsonl'));
    expect(contents.layout).toBe('jsonl');
    expect(contents.entries.map((entry) => entry.data)).toEqual([{ a: 1 }, { a: '夏天' }]);
  });

  it('reads the real Self-Instruct seed tasks (JSONL with nested arrays)', async () => {
    const seeds = path.resolve(import.meta.dirname, '../../../../examples/self-instruct/seed_tasks.jsonl');
    const contents = await readRecordEntries(seeds);
    expect(contents.entries).toHaveLength(175);
    expect(Array.isArray(contents.entries[0]?.data.instances)).toBe(true);
  });

  it('reads an empty file as no records', async () => {
    expect(await readRecordEntries(file('\n\n'))).toEqual({ layout: 'jsonl', entries: [] });
  });

  it('names the line of a JSONL line that is not an object', async () => {
    const target = file('{"a":1}\n{"a":2}\n[1,2]\n', 'bad.jsonl');
    const error = await readRecordEntries(target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'corrupt', path: target });
    expect((error as Error).message).toContain('line 3 is not a JSON object');
  });

  it('refuses JSON that holds no records, saying what it expected', async () => {
    for (const [content, reason] of [
      ['{\n  "fields": [{"name": "q"}]\n}', 'without a "samples" array'],
      ['[1, 2]', 'item 0 of the array is not an object'],
      ['{\n "samples": [{"id": "x"}]\n}', 'samples[0] has no "data" object'],
      ['{"a": ', 'not valid JSON'],
    ] as const) {
      const error = await readRecordEntries(file(content)).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'corrupt' });
      expect((error as Error).message).toContain(reason);
      expect((error as Error).message).toContain('Expected a DataSynth/DataRecipe envelope');
    }
  });

  it('says a missing file does not exist', async () => {
    const missing = path.join(root, 'nope.json');
    await expect(readRecordEntries(missing)).rejects.toMatchObject({
      code: 'io',
      message: `${missing} does not exist.`,
    });
  });
});
