import { describe, expect, it } from 'vitest';
import { parseSchema } from './parse-schema.js';
import { recordsEnvelopeSchema, toJsonSchema } from './to-json-schema.js';

const nested = parseSchema({
  fields: [
    {
      name: 'instruction',
      type: 'string',
      display_name: '指令',
      constraints: { min_length: 2, max_length: 100 },
    },
    {
      name: 'instances',
      type: 'array',
      constraints: { min_items: 1, max_items: 3 },
      nested_type: {
        type: 'object',
        fields: [
          { name: 'input', type: 'string' },
          { name: 'output', type: 'string' },
        ],
      },
    },
    { name: 'score', type: 'int', required: false, constraints: { range: [1, 5] } },
    { name: 'label', type: 'string', nullable: true, constraints: { enum: ['a', 'b'] } },
  ],
}).schema;

describe('toJsonSchema', () => {
  it('describes one record, nested arrays of objects included, closed with additionalProperties:false', () => {
    expect(toJsonSchema(nested)).toEqual({
      type: 'object',
      properties: {
        instruction: { type: 'string', description: '指令', minLength: 2, maxLength: 100 },
        instances: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: {
            type: 'object',
            properties: { input: { type: 'string' }, output: { type: 'string' } },
            required: ['input', 'output'],
            additionalProperties: false,
          },
        },
        score: { type: 'integer', minimum: 1, maximum: 5 },
        label: { type: ['string', 'null'], enum: ['a', 'b', null] },
      },
      required: ['instruction', 'instances', 'label'],
      additionalProperties: false,
    });
  });

  it('strict variant: every property required, optional ones nullable', () => {
    const strict = toJsonSchema(nested, { strict: true });
    expect(strict.required).toEqual(['instruction', 'instances', 'score', 'label']);
    expect((strict.properties as Record<string, { type: unknown }>).score?.type).toEqual(['integer', 'null']);
  });

  it('wraps records in the envelope structured output asks for', () => {
    expect(recordsEnvelopeSchema(nested)).toEqual({
      type: 'object',
      properties: { records: { type: 'array', items: toJsonSchema(nested) } },
      required: ['records'],
      additionalProperties: false,
    });
  });

  it('says how many records the call asks for, so a constrained decoder cannot answer none', () => {
    const records = (recordsEnvelopeSchema(nested, { count: 7 }).properties as Record<string, unknown>)
      .records as Record<string, unknown>;
    expect(records).toMatchObject({ type: 'array', minItems: 7, maxItems: 7 });
    expect(records.items).toEqual(toJsonSchema(nested));
  });
});
