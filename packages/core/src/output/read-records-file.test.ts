import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordEntry } from '../records/record-entry.js';
import { inferFieldRoles } from './field-roles.js';
import { mapRecordToFormat } from './map-record-to-format.js';
import { OutputError } from './output-error.js';
import { OUTPUT_FORMATS } from './output-format.js';
import { readRecordsFile } from './read-records-file.js';
import { writeOutput } from './write-output.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-read-records-file-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const schema = { fields: [{ name: 'instruction' }, { name: 'input' }, { name: 'output' }, { name: 'tags' }] };
const entries: RecordEntry[] = [
  {
    id: 'SYNTH_0001',
    data: { instruction: '写诗', input: '夏天', output: '不但春妍夏亦佳', tags: ['诗', 1] },
  },
  { id: 'SYNTH_0002', data: { instruction: 'Name a fruit', input: '', output: 'Apple', tags: [] } },
];

describe('readRecordsFile', () => {
  for (const format of OUTPUT_FORMATS) {
    it(`reads back what writeOutput wrote as ${format}`, async () => {
      const file = path.join(root, `out.${format}`);
      await writeOutput({ path: file, format, entries, schema, dataType: 'instruction', metadata: { n: 2 } });
      const records = await readRecordsFile(file);
      const roles = inferFieldRoles(schema, 'instruction');
      const expected =
        format === 'json' || format === 'jsonl'
          ? entries.map((entry) => entry.data)
          : entries.map((entry) => mapRecordToFormat(entry.data, format, roles));
      expect(records).toEqual(expected);
    });
  }

  it('reads the example DataRecipe samples.json into its 50 records', async () => {
    const samples = path.resolve(
      import.meta.dirname,
      '../../../../examples/datarecipe-belle-zh/09_样例数据/samples.json',
    );
    const records = await readRecordsFile(samples);
    expect(records).toHaveLength(50);
    expect(Object.keys(records[0] ?? {})).toEqual(['instruction', 'input', 'output', 'category']);
  });

  it('fails with an OutputError naming the file when it is not records', async () => {
    const file = path.join(root, 'schema.json');
    fs.writeFileSync(file, '{\n  "fields": []\n}\n');
    const error = await readRecordsFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toMatchObject({ code: 'unreadable', path: file });
    await expect(readRecordsFile(path.join(root, 'missing.jsonl'))).rejects.toMatchObject({
      code: 'unreadable',
    });
  });
});
