import { describe, expect, it } from 'vitest';
import { createValidator } from './create-validator.js';
import { parseSchema } from './parse-schema.js';

const belle = parseSchema({
  fields: [
    { name: 'instruction', type: 'string' },
    { name: 'input', type: 'string' },
    { name: 'output', type: 'string', constraints: { min_length: 10 } },
    { name: 'category', type: 'string', constraints: { enum: ['generation', 'classification'] } },
  ],
}).schema;

describe('createValidator', () => {
  const validator = createValidator(belle);

  it('accepts a valid record, including an empty string where no min_length applies', () => {
    expect(
      validator.validate({
        instruction: '写一首诗',
        input: '',
        output: '春眠不觉晓，处处闻啼鸟。',
        category: 'generation',
      }),
    ).toEqual({ ok: true, issues: [] });
  });

  it('reports each problem per field, readably', () => {
    const result = validator.validate({ instruction: 3, output: '太短', category: 'x', extra: true });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      'instruction: expected string, got integer',
      'input: required field missing',
      'output: length 2 < min_length 10',
      "category: 'x' is not one of generation, classification",
      "extra field 'extra'",
    ]);
  });

  it('counts length in characters (code points), as DataRecipe does', () => {
    const schema = parseSchema({
      fields: [{ name: 't', type: 'string', constraints: { max_length: 3 } }],
    }).schema;
    expect(createValidator(schema).validate({ t: '😀😀😀' }).ok).toBe(true);
    expect(createValidator(schema).validate({ t: '中文字符' }).issues).toEqual([
      't: length 4 > max_length 3',
    ]);
  });

  it('uses dotted paths for nested arrays and objects', () => {
    const schema = parseSchema({
      fields: [
        {
          name: 'instances',
          type: 'array',
          nested_type: { input: 'string', output: 'string' },
          constraints: { min_items: 1 },
        },
        {
          name: 'meta',
          type: 'object',
          fields: [{ name: 'score', type: 'int', constraints: { range: [1, 5] } }],
        },
      ],
    }).schema;
    const nested = createValidator(schema);
    expect(nested.validate({ instances: [{ input: 'a', output: 'b' }], meta: { score: 3 } }).ok).toBe(true);
    expect(
      nested.validate({
        instances: [{ input: 'a' }, { input: 'b', output: 'c', note: 1 }],
        meta: { score: 9 },
      }).issues,
    ).toEqual([
      'instances[0].output: required field missing',
      "instances[1]: extra field 'note'",
      'meta.score: 9 > maximum 5',
    ]);
    expect(nested.validate({ instances: [], meta: { score: 2.5 } }).issues).toEqual([
      'instances: 0 items < min_items 1',
      'meta.score: expected integer, got 2.5',
    ]);
  });

  it('honours optional and nullable fields, and rejects non-objects', () => {
    const schema = parseSchema({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: ['integer', 'null'] }, c: { type: 'boolean' } },
      required: ['a', 'b'],
    }).schema;
    const check = createValidator(schema);
    expect(check.validate({ a: 'x', b: null }).ok).toBe(true);
    expect(check.validate({ a: 'x', b: 1, c: null }).issues).toEqual(['c: expected boolean, got null']);
    expect(check.validate(['x']).issues).toEqual(['record: expected a JSON object, got array']);
  });

  it('exposes the same check as a zod schema', () => {
    expect(
      validator.zod.safeParse({ instruction: 'a', input: '', output: '0123456789', category: 'generation' })
        .success,
    ).toBe(true);
    expect(validator.zod.safeParse({ instruction: 'a' }).success).toBe(false);
  });
});

describe('createValidator: a JSON Schema is read as JSON Schema (Ajv, draft 2020-12)', () => {
  const selfInstruct = parseSchema({
    type: 'object',
    properties: {
      name: { type: 'string' },
      instruction: { type: 'string' },
      instances: {
        type: 'array',
        items: {
          type: 'object',
          properties: { input: { type: 'string' }, output: { type: 'string' } },
          required: ['input', 'output'],
          additionalProperties: false,
        },
      },
      is_classification: { type: 'boolean' },
    },
    required: ['name', 'instruction', 'instances', 'is_classification'],
  }).schema;

  it('allows keys the schema does not list unless additionalProperties is false', () => {
    const check = createValidator(selfInstruct);
    const seed = {
      id: 'seed_task_0',
      name: 'breakfast_suggestion',
      instruction: 'Is there anything I can eat for breakfast?',
      instances: [{ input: '', output: 'Yes.' }],
      is_classification: false,
    };
    expect(check.validate(seed)).toEqual({ ok: true, issues: [] });
    expect(check.validate({ ...seed, instances: [{ input: '', output: 'Yes.', note: 1 }] }).issues).toEqual([
      "instances[0]: extra field 'note'",
    ]);
  });

  it('checks format, pattern and exclusive bounds, which the hand translation used to ignore', () => {
    const schema = parseSchema({
      type: 'object',
      properties: {
        created_at: { type: 'string', format: 'date-time' },
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
        share: { type: 'number', exclusiveMinimum: 0 },
      },
      required: ['created_at', 'code', 'share'],
    }).schema;
    const check = createValidator(schema);
    expect(check.validate({ created_at: '2026-12-06T19:26:43Z', code: 'ABC', share: 0.5 }).ok).toBe(true);
    expect(check.validate({ created_at: 'yesterday', code: 'abcd', share: 0 }).issues).toEqual([
      "created_at: 'yesterday' is not a valid date-time",
      "code: 'abcd' does not match the pattern ^[A-Z]{3}$",
      'share: 0 must be > 0',
    ]);
  });

  it('reports the real branch of a nullable anyOf, and does not require an identifier the schema lists', () => {
    const schema = parseSchema({
      type: 'object',
      properties: {
        id: { type: 'string', description: '唯一标识符' },
        note: { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'null' }] },
      },
      required: ['id', 'note'],
    }).schema;
    expect(schema.identifiers?.map((field) => field.name)).toEqual(['id']);
    const check = createValidator(schema);
    expect(check.validate({ note: null }).ok).toBe(true);
    expect(check.validate({ note: 'long' }).issues).toEqual(['note: length 4 > max_length 3']);
    expect(check.validate({ id: 3, note: 'a' }).issues).toEqual(['id: expected string, got integer']);
  });
});
