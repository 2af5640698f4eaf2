import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeeds } from './parse-seeds.js';
import { readSeedsFile } from './read-seeds-file.js';
import { caughtPromptsError, tempFileWriter } from './testing/temp-text-files.js';

const { dir, write } = tempFileWriter('datasynth-prompts-seeds-');

const a = { instruction: '写诗', input: '', output: '春眠不觉晓' };
const b = { instruction: 'Name a color', input: '', output: 'Blue' };

describe('readSeedsFile', () => {
  it('reads a JSON array', () => {
    expect(readSeedsFile(write('array.json', JSON.stringify([a, b], null, 2)))).toEqual([a, b]);
  });

  it('reads JSONL with CRLF line endings, a blank line and a BOM', () => {
    const file = write('seeds.jsonl', `\uFEFF${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`);
    expect(readSeedsFile(file)).toEqual([a, b]);
  });

  it('reads DataRecipe samples.json and unwraps {id, data}', () => {
    const file = write(
      'samples.json',
      JSON.stringify({
        samples: [
          { id: 'SAMPLE_001', data: a },
          { id: 'SAMPLE_002', data: b },
        ],
      }),
    );
    expect(readSeedsFile(file)).toEqual([a, b]);
  });

  it('reads a DataSynth envelope {metadata, schema, samples:[{id, data, synthetic}]}', () => {
    const envelope = {
      metadata: { generator: 'DataSynth', count: 2 },
      schema: { fields: [] },
      samples: [
        { id: 'SYNTH_0001', data: a, synthetic: true },
        { id: 'SYNTH_0002', data: b, synthetic: true },
      ],
    };
    expect(readSeedsFile(write('synthetic.json', JSON.stringify(envelope)))).toEqual([a, b]);
  });

  it('names the JSONL line that is broken', () => {
    const error = caughtPromptsError(() =>
      readSeedsFile(write('broken.jsonl', `${JSON.stringify(a)}\n{"instruction": \n`)),
    );
    expect(error.code).toBe('seeds_invalid');
    expect(error.message).toMatch(/broken\.jsonl: line 2: invalid JSON/);
    expect(error.file).toMatch(/broken\.jsonl$/);
  });

  it('names the item that is not a record', () => {
    expect(caughtPromptsError(() => parseSeeds(JSON.stringify([a, 'oops']))).message).toMatch(
      /item 1 is string, expected a JSON object/,
    );
  });

  it('fails clearly on missing, unreadable and empty files', () => {
    const missing = caughtPromptsError(() => readSeedsFile(path.join(dir, 'nope.jsonl')));
    expect(missing.code).toBe('file_not_found');
    expect(missing.message).toContain('nope.jsonl');
    expect(caughtPromptsError(() => readSeedsFile(dir)).code).toBe('file_unreadable');
    expect(caughtPromptsError(() => readSeedsFile(write('empty.jsonl', '\n\n'))).code).toBe('no_records');
    expect(caughtPromptsError(() => readSeedsFile(write('none.json', '[]'))).code).toBe('no_records');
    expect(caughtPromptsError(() => readSeedsFile(write('junk.json', 'not json at all'))).code).toBe(
      'seeds_invalid',
    );
  });
});
