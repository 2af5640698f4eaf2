import fs from 'node:fs';
import path from 'node:path';
import { createValidator, readDataRecipeFolder } from '@datasynth/prompts';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copySharedFolder, dataCheckFiles } from '../../test/helpers.js';
import { journalPaths } from '../journal/journal-paths.js';
import { DataSynthesizer } from './data-synthesizer.js';

// The analysis folders DataRecipe's own code wrote (shared/datasets/datarecipe-real) and the hand-made
// BELLE one, run end to end against the loopback server, then read back the way DataCheck reads them.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function synthesizer(config: ConstructorParameters<typeof DataSynthesizer>[0] = {}) {
  const server = await startTestServer({ seed: 5 });
  servers.push(server);
  return new DataSynthesizer(
    {
      model: 'claude-sonnet-4-6',
      baseURL: server.anthropicBaseURL,
      retryBaseMs: 5,
      concurrency: 2,
      randomSeed: 3,
      ...config,
    },
    { apiKey: 'sk-ant-test-key' },
  );
}

interface Envelope {
  metadata: Record<string, unknown>;
  schema: Record<string, unknown>;
  datasynth_schema?: Record<string, unknown>;
  samples: { id: string; data: Record<string, unknown>; synthetic: boolean }[];
}

/**
 * What DataCheck's `check_from_datarecipe` does with our output (datacheck/checker.py, rules.py at
 * f997389): `samples`, each sample's `data` (else the sample), the embedded `schema`'s `fields` with
 * `required` defaulting to true, and its `scoring_rubric`.
 */
function readLikeDataCheck(file: string) {
  const envelope = JSON.parse(fs.readFileSync(file, 'utf8')) as Envelope;
  const fields = Array.isArray(envelope.schema.fields)
    ? (envelope.schema.fields as { name: string; required?: boolean }[])
    : [];
  const missingRequired = envelope.samples.flatMap((sample) => {
    const data = sample.data ?? sample;
    return fields
      .filter((field) => field.required !== false && !(field.name in data))
      .map((field) => `${sample.id}: ${field.name}`);
  });
  return { envelope, missingRequired, rubric: envelope.schema.scoring_rubric };
}

function nonEmpty(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0 && value.every(nonEmpty);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.values(value);
    return entries.length > 0 && entries.every(nonEmpty);
  }
  return true;
}

const FOLDERS = [
  'datarecipe-real/in_seed_tasks',
  'datarecipe-real/math_reasoning_spec',
  'datarecipe-real/in_hh_pref',
  'datarecipe-belle-zh',
];

describe('DataRecipe analysis folders, end to end', () => {
  for (const name of FOLDERS) {
    it(`${name}: 12 valid records, nested fields filled, the schema as DataRecipe wrote it, nothing else for DataCheck to count`, async () => {
      const dir = copySharedFolder(name);
      const written = JSON.parse(fs.readFileSync(path.join(dir, '04_复刻指南/DATA_SCHEMA.json'), 'utf8'));
      const result = await (await synthesizer({ targetCount: 12 })).synthesizeFromDataRecipe(dir);
      expect(result.stoppedBecause).toBe('done');
      expect(result.generatedCount).toBe(12);

      const output = path.join(dir, '11_合成数据', 'synthetic.json');
      const { envelope, missingRequired, rubric } = readLikeDataCheck(output);
      expect(envelope.schema).toEqual(written);
      expect(rubric).toEqual(written.scoring_rubric);
      expect(missingRequired).toEqual([]);
      expect(envelope.samples).toHaveLength(12);
      if (name.endsWith('in_hh_pref')) expect(envelope.metadata.data_type).toBe('preference');

      const { schema } = readDataRecipeFolder(dir);
      const validator = createValidator(schema);
      for (const sample of envelope.samples) {
        expect(validator.validate(sample.data).issues).toEqual([]);
        for (const field of schema.fields.filter((spec) => spec.required)) {
          expect(nonEmpty(sample.data[field.name]), `${sample.id}.${field.name}`).toBe(true);
        }
        for (const identifier of schema.identifiers ?? []) {
          expect(sample.data[identifier.name]).toBe(sample.id);
        }
      }
      expect(dataCheckFiles(path.join(dir, '11_合成数据'))).toEqual(['synthetic.json']);
      expect(fs.existsSync(journalPaths(output).journal)).toBe(true);
    });
  }

  it('in_seed_tasks: id is assigned, instances are {input, output} objects, and the seeds say where they came from', async () => {
    const dir = copySharedFolder('datarecipe-real/in_seed_tasks');
    const { schema } = readDataRecipeFolder(dir);
    expect(schema.identifiers?.map((field) => field.name)).toEqual(['id']);
    expect(
      schema.fields.find((field) => field.name === 'instances')?.items?.fields?.map((f) => f.name),
    ).toEqual(['input', 'output']);
    const warnings: string[] = [];
    const result = await (await synthesizer({ targetCount: 4 })).synthesizeFromDataRecipe(dir, {
      onEvent: (event) => {
        if (event.type === 'warning') warnings.push(event.message);
      },
    });
    expect(result.generatedCount).toBe(4);
    const all = [...warnings, ...result.warnings].join('\n');
    expect(all).toContain('Seeds: 5 from 09_样例数据/samples.json');
    expect(all).toContain('3 examples in 03_标注规范/annotation_spec.json are not records of this dataset');
    expect(all).toContain("The seeds' 'id' is left out of the examples the model sees");
  });

  it('math_reasoning_spec: the placeholder samples are reported, the spec example is the seed', () => {
    const folder = readDataRecipeFolder(copySharedFolder('datarecipe-real/math_reasoning_spec'));
    expect(folder.seedSources).toEqual([
      { file: '09_样例数据/samples.json', count: 50, skipped: 0 },
      { file: '06_原始数据/spec_analysis.json', count: 1, skipped: 0 },
      { file: '03_标注规范/annotation_spec.json', count: 0, skipped: 0 },
    ]);
    expect(folder.seeds[0]).toEqual({
      question: '执行任务 1',
      answer: '[标准答案]',
      difficulty: 'medium',
      explanation: '[解析]',
    });
    const check = folder.seeds.map((seed) => createValidator(folder.schema).validate(seed).ok);
    expect(check.filter(Boolean)).toHaveLength(1);
  });

  it('an interrupted, then resumed run leaves only synthetic.json in 11_合成数据', async () => {
    const dir = copySharedFolder('datarecipe-real/in_seed_tasks');
    const outputFolder = path.join(dir, '11_合成数据');
    const controller = new AbortController();
    const first = await (await synthesizer({ targetCount: 30, cancelGraceMs: 50 })).synthesizeFromDataRecipe(
      dir,
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.accepted >= 6) controller.abort();
        },
      },
    );
    expect(first.stoppedBecause).toBe('cancelled');
    expect(first.generatedCount).toBeLessThan(30);
    expect(dataCheckFiles(outputFolder).filter((file) => file !== 'synthetic.json')).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.datasynth', 'synthetic.json.journal.jsonl'))).toBe(true);

    const second = await (await synthesizer({ targetCount: 30 })).synthesizeFromDataRecipe(dir, {
      resume: true,
    });
    expect(second.generatedCount).toBe(30);
    expect(dataCheckFiles(outputFolder)).toEqual(['synthetic.json']);
    const { envelope, missingRequired } = readLikeDataCheck(path.join(outputFolder, 'synthetic.json'));
    expect(envelope.samples).toHaveLength(30);
    expect(new Set(envelope.samples.map((sample) => sample.data.id)).size).toBe(30);
    expect(missingRequired).toEqual([]);
  });
});
