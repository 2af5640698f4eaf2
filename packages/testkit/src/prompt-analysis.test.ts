import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultRecordSchema,
  promptLanguage,
  recordSchemaFromPrompt,
  requestedRecordCount,
} from './prompt-analysis.js';

const examples = path.resolve(import.meta.dirname, '../../../examples');

describe('requestedRecordCount', () => {
  it.each([
    ['Generate 25 new records in JSON.', 25],
    ['Please write 3 more examples, then stop.', 3],
    ['Produce 12 distinct samples about 4 topics.', 12],
    ['请生成 8 条新的数据，每条包含 3 个字段。', 8],
    ['生成10个问答对', 10],
    ['Write 5 unique items.', 5],
    ['Write some records.', 1],
    ['Use 2024 as the year and write 7 records', 7],
  ])('%s → %i', (text, count) => {
    expect(requestedRecordCount(text)).toBe(count);
  });
});

describe('promptLanguage', () => {
  it('is Chinese when at least 20% of the letters are CJK', () => {
    expect(promptLanguage('请根据以下示例生成新的数据。')).toBe('zh');
    expect(promptLanguage('Generate records like these: {"instruction": "写一首关于夏天的诗"}')).toBe('zh');
    expect(promptLanguage('Generate records. Field names: instruction, output. 例')).toBe('en');
    expect(promptLanguage('')).toBe('en');
  });
});

describe('recordSchemaFromPrompt', () => {
  it('copies keys and value types of the first seed object, skipping JSON Schemas', () => {
    const prompt = `Schema: {"type": "object", "properties": {"x": {"type": "string"}}}
Examples:
{"question": "Why?", "score": 3, "ratio": 0.5, "ok": true, "tags": ["a"], "meta": {"source": "web"}}`;
    expect(recordSchemaFromPrompt([prompt])).toEqual({
      type: 'object',
      properties: {
        question: { type: 'string' },
        score: { type: 'integer', minimum: 0, maximum: 1000 },
        ratio: { type: 'number' },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        meta: { type: 'object', properties: { source: { type: 'string' } }, required: ['source'] },
      },
      required: ['question', 'score', 'ratio', 'ok', 'tags', 'meta'],
    });
  });

  it('reads the nested shape of a real self-instruct seed task', () => {
    const seedLine =
      fs.readFileSync(path.join(examples, 'self-instruct/seed_tasks.jsonl'), 'utf8').split('\n')[0] ?? '';
    const schema = recordSchemaFromPrompt([`Here are examples:\n${seedLine}\nWrite 5 more.`]);
    expect(Object.keys(schema.properties as object)).toEqual([
      'id',
      'name',
      'instruction',
      'instances',
      'is_classification',
    ]);
    expect((schema.properties as Record<string, unknown>).instances).toMatchObject({
      type: 'array',
      items: { type: 'object', required: ['input', 'output'] },
    });
  });

  it('uses a DataRecipe DATA_SCHEMA.json field list, with enums, when no seed object is shown', () => {
    const dataSchema = fs.readFileSync(
      path.join(examples, 'datarecipe-belle-zh/04_复刻指南/DATA_SCHEMA.json'),
      'utf8',
    );
    const schema = recordSchemaFromPrompt([`字段定义：${dataSchema}`, '请生成5条数据']);
    expect(Object.keys(schema.properties as object)).toEqual(['instruction', 'input', 'output', 'category']);
    expect((schema.properties as Record<string, unknown>).category).toEqual({
      type: 'string',
      enum: ['generation', 'classification'],
    });
  });

  it('unwraps a record list such as DataRecipe samples.json, and falls back to instruction/output', () => {
    const samples = fs.readFileSync(
      path.join(examples, 'datarecipe-belle-zh/09_样例数据/samples.json'),
      'utf8',
    );
    expect(Object.keys(recordSchemaFromPrompt([samples]).properties as object)).toEqual(['id', 'data']);
    expect(recordSchemaFromPrompt(['No examples here, {placeholder} only.'])).toEqual(defaultRecordSchema);
  });
});
