import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSeeds } from './check-seeds.js';
import { inferSchema } from './infer-schema.js';
import { readDataRecipeFolder } from './read-datarecipe-folder.js';
import { readSeedsFile } from './read-seeds-file.js';

const examples = path.resolve(import.meta.dirname, '../../../examples');
const selfInstruct = path.join(examples, 'self-instruct/seed_tasks.jsonl');
// The BELLE raw seeds are not copied into examples/; use the shared copy when this machine has it.
const belleRaw = [
  path.join(examples, 'belle-zh-seed-tasks/zh_seed_tasks.jsonl'),
  '/work/shared/datasets/belle-zh-seed-tasks/zh_seed_tasks.jsonl',
].find((candidate) => fs.existsSync(candidate));

const belleFolder = readDataRecipeFolder(path.join(examples, 'datarecipe-belle-zh'));

describe('checkSeeds', () => {
  it('the BELLE DataRecipe schema validates its own 50 seeds', () => {
    const check = checkSeeds(belleFolder.seeds, belleFolder.schema);
    expect(belleFolder.seeds).toHaveLength(50);
    expect(check.invalid).toEqual([]);
    expect(check.valid).toHaveLength(50);
  });

  it('reports why raw nested self-instruct seeds do not fit the flat BELLE schema, for every seed', () => {
    const seeds = readSeedsFile(selfInstruct);
    expect(seeds).toHaveLength(175);
    const check = checkSeeds(seeds, belleFolder.schema);
    expect(check.valid).toEqual([]);
    expect(check.invalid).toHaveLength(175);
    expect(check.invalid[0]).toEqual({
      index: 0,
      issues: [
        'input: required field missing',
        'output: required field missing',
        'category: required field missing',
        "extra field 'id'",
        "extra field 'name'",
        "extra field 'instances'",
        "extra field 'is_classification'",
      ],
    });
    expect(check.invalid.map((entry) => entry.index)).toEqual(seeds.map((_, index) => index));
  });

  it('raw nested self-instruct seeds validate against the schema inferred from them', () => {
    const seeds = readSeedsFile(selfInstruct);
    const schema = inferSchema(seeds);
    const instances = schema.fields.find((field) => field.name === 'instances');
    expect(instances?.type).toBe('array');
    expect(instances?.items?.fields?.map((field) => [field.name, field.type])).toEqual([
      ['input', 'string'],
      ['output', 'string'],
    ]);
    expect(schema.fields.find((field) => field.name === 'is_classification')?.type).toBe('boolean');
    expect(checkSeeds(seeds, schema).invalid).toEqual([]);
  });

  it.skipIf(belleRaw === undefined)(
    'raw BELLE zh seeds: mismatch against the flat schema, valid against their own',
    () => {
      const seeds = readSeedsFile(belleRaw as string);
      expect(checkSeeds(seeds, belleFolder.schema).valid).toEqual([]);
      expect(checkSeeds(seeds, belleFolder.schema).invalid[0]?.issues).toContain("extra field 'instances'");
      expect(checkSeeds(seeds, inferSchema(seeds)).invalid).toEqual([]);
    },
  );

  it('a seed with a wrong nested value is reported with its path', () => {
    const seeds = readSeedsFile(selfInstruct).slice(0, 3);
    const schema = inferSchema(seeds);
    const broken = structuredClone(seeds);
    (broken[1] as { instances: unknown[] }).instances = [{ input: 'x' }];
    expect(checkSeeds(broken, schema).invalid).toEqual([
      { index: 1, issues: ['instances[0].output: required field missing'] },
    ]);
  });
});
