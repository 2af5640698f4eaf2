import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PromptsError } from './prompts-error.js';
import { readDataRecipeFolder } from './read-datarecipe-folder.js';
import { readSchemaFile } from './read-schema-file.js';

const belle = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-prompts-folder-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function caught(run: () => unknown): PromptsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PromptsError);
    return error as PromptsError;
  }
  throw new Error('expected a PromptsError');
}

function folder(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

const schemaJson = JSON.stringify({ dataset_id: 'demo/ds', fields: [{ name: 'text', type: 'string' }] });
const samplesJson = JSON.stringify({ samples: [{ id: 'SAMPLE_001', data: { text: 'hello' } }] });

describe('readDataRecipeFolder', () => {
  it('reads the BELLE folder: schema, 50 seeds, guidelines, dataset id and paths', () => {
    const recipe = readDataRecipeFolder(belle);
    expect(recipe.dir).toBe(belle);
    expect(recipe.datasetId).toBe('LianjiaTech/BELLE-zh-seed');
    expect(recipe.schema.fields.map((field) => field.name)).toEqual([
      'instruction',
      'input',
      'output',
      'category',
    ]);
    expect(recipe.schemaWarnings).toEqual([]);
    expect(recipe.seeds).toHaveLength(50);
    expect(recipe.seeds[0]).toEqual({
      instruction: '请以下面词语为主题写一首诗',
      input: '夏天',
      output: '不但春妍夏亦佳，随缘花草是生涯。\n鹿葱解插纤长柄，金凤仍开最小花。',
      category: 'generation',
    });
    expect(recipe.seeds.filter((seed) => seed.input === '').length).toBeGreaterThan(0);
    expect(recipe.guidelines).toContain('标注规范');
    expect(recipe.paths).toEqual({
      schema: path.join(belle, '04_复刻指南/DATA_SCHEMA.json'),
      samples: path.join(belle, '09_样例数据/samples.json'),
      guidelines: path.join(belle, '03_标注规范/ANNOTATION_SPEC.md'),
      outputDir: path.join(belle, '11_合成数据'),
    });
  });

  it('works without guidelines', () => {
    const root = folder('no-guidelines', {
      '04_复刻指南/DATA_SCHEMA.json': schemaJson,
      '09_样例数据/samples.json': samplesJson,
    });
    const recipe = readDataRecipeFolder(root);
    expect(recipe.guidelines).toBeUndefined();
    expect(recipe.paths.guidelines).toBeUndefined();
    expect(recipe.seeds).toEqual([{ text: 'hello' }]);
    expect(recipe.datasetId).toBe('demo/ds');
  });

  it('names the missing folder or file', () => {
    const missingDir = caught(() => readDataRecipeFolder(path.join(dir, 'nowhere')));
    expect(missingDir.code).toBe('file_not_found');
    expect(missingDir.message).toContain('nowhere');

    const noSchema = caught(() =>
      readDataRecipeFolder(folder('no-schema', { '09_样例数据/samples.json': samplesJson })),
    );
    expect(noSchema.code).toBe('file_not_found');
    expect(noSchema.message).toContain('04_复刻指南/DATA_SCHEMA.json is missing');

    const noSamples = caught(() =>
      readDataRecipeFolder(folder('no-samples', { '04_复刻指南/DATA_SCHEMA.json': schemaJson })),
    );
    expect(noSamples.code).toBe('file_not_found');
    expect(noSamples.message).toContain('09_样例数据/samples.json is missing');
  });

  it('reports a broken schema file with its path', () => {
    const root = folder('broken-schema', {
      '04_复刻指南/DATA_SCHEMA.json': '{"fields": [',
      '09_样例数据/samples.json': samplesJson,
    });
    const error = caught(() => readDataRecipeFolder(root));
    expect(error.code).toBe('schema_invalid');
    expect(error.file).toBe(path.join(root, '04_复刻指南/DATA_SCHEMA.json'));
    expect(error.message).toMatch(/DATA_SCHEMA\.json: not valid JSON/);
  });
});

describe('readSchemaFile', () => {
  it('fails clearly on missing files, bad JSON and bad schemas', () => {
    expect(caught(() => readSchemaFile(path.join(dir, 'missing.json'))).code).toBe('file_not_found');
    const badJson = path.join(dir, 'bad.json');
    fs.writeFileSync(badJson, '{ nope');
    expect(caught(() => readSchemaFile(badJson)).message).toMatch(/bad\.json: not valid JSON/);
    const badType = path.join(dir, 'bad-type.json');
    fs.writeFileSync(badType, JSON.stringify({ fields: [{ name: 'a', type: 'blob' }] }));
    const error = caught(() => readSchemaFile(badType));
    expect(error.code).toBe('schema_invalid');
    expect(error.message).toMatch(/bad-type\.json: field 'a': unknown type 'blob'/);
  });
});

describe('readDataRecipeFolder: what DataRecipe itself writes', () => {
  it('unwraps analyze-spec samples ({id, task_type, data, think_process, …}) and adds the spec examples as seeds', () => {
    const root = folder('spec', {
      '04_复刻指南/DATA_SCHEMA.json': JSON.stringify({
        type: 'object',
        required: ['id', 'question', 'answer'],
        properties: { id: { type: 'string' }, question: { type: 'string' }, answer: { type: 'string' } },
      }),
      '09_样例数据/samples.json': JSON.stringify({
        _meta: { version: '1.0' },
        samples: [
          {
            id: 'SAMPLE_001',
            task_type: 'default',
            data: { question: '一加一等于几？', answer: '二' },
            think_process: { step_1: '…' },
            automation_status: { can_fully_automate: false },
            metadata: { domain: '数学' },
          },
        ],
      }),
      '06_原始数据/spec_analysis.json': JSON.stringify({
        examples: [{ question: '二加二等于几？', answer: '四' }],
      }),
      '03_标注规范/annotation_spec.json': JSON.stringify({
        examples: [
          { question: '二加二等于几？', answer: '四' },
          { id: 1, question: 'q', answer: '', scoring: [] },
        ],
      }),
    });
    const recipe = readDataRecipeFolder(root);
    expect(recipe.seeds).toEqual([
      { question: '一加一等于几？', answer: '二' },
      { question: '二加二等于几？', answer: '四' },
    ]);
    expect(recipe.seedSources).toEqual([
      { file: '09_样例数据/samples.json', count: 1, skipped: 0 },
      { file: '06_原始数据/spec_analysis.json', count: 1, skipped: 0 },
      { file: '03_标注规范/annotation_spec.json', count: 0, skipped: 1 },
    ]);
    expect(recipe.schema.identifiers?.map((field) => field.name)).toEqual(['id']);
    expect(recipe.schema.fields.map((field) => field.name)).toEqual(['question', 'answer']);
  });
});
