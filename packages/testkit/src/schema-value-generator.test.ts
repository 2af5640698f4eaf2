import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema.js';
import { SchemaValueGenerator } from './schema-value-generator.js';
import { schemaViolations } from './schema-violations.js';
import { SeededRandom } from './seeded-random.js';
import { TextGenerator } from './text-generator.js';

function generatorFor(root: JsonSchema, language: 'en' | 'zh' = 'en', seed = 1) {
  let serial = 0;
  const random = new SeededRandom(seed);
  return new SchemaValueGenerator({
    root,
    random,
    text: new TextGenerator({ language, random, nextSerial: () => ++serial }),
  });
}

describe('SchemaValueGenerator', () => {
  it('conforms to string, number and array bounds, formats, const and nullable types over many draws', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        short: { type: 'string', minLength: 3, maxLength: 12 },
        long: { type: 'string', minLength: 400 },
        tiny: { type: 'string', maxLength: 2 },
        count: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 3 },
        share: { type: 'number', minimum: 0.25, maximum: 0.5 },
        version: { const: 'v1' },
        email: { type: 'string', format: 'email' },
        day: { type: 'string', format: 'date' },
        maybe: { type: ['integer', 'null'], minimum: 10, maximum: 20 },
        list: { type: 'array', items: { type: 'boolean' }, minItems: 2, maxItems: 2 },
      },
      required: ['short', 'long', 'tiny', 'count', 'share', 'version', 'email', 'day', 'maybe', 'list'],
      additionalProperties: false,
    };
    const generator = generatorFor(schema);
    for (let draw = 0; draw < 300; draw += 1) {
      const value = generator.generate(schema) as Record<string, string>;
      expect(schemaViolations(value, schema)).toEqual([]);
      expect(value.email).toMatch(/^[^@]+@example\.com$/);
      expect(value.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('follows local $refs, allOf and oneOf, and omits some optional properties', () => {
    const schema: JsonSchema = {
      $defs: {
        turn: {
          type: 'object',
          properties: { role: { enum: ['user', 'assistant'] }, text: { type: 'string' } },
          required: ['role', 'text'],
        },
      },
      type: 'object',
      properties: {
        turns: { type: 'array', items: { $ref: '#/$defs/turn' }, minItems: 1 },
        meta: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { properties: { b: { type: 'integer' } }, required: ['b'] },
          ],
        },
        either: { oneOf: [{ type: 'null' }, { type: 'integer', minimum: 5, maximum: 5 }] },
        optional: { type: 'string' },
      },
      required: ['turns', 'meta', 'either'],
    };
    const generator = generatorFor(schema);
    let withOptional = 0;
    for (let draw = 0; draw < 100; draw += 1) {
      const value = generator.generate(schema) as Record<string, unknown>;
      expect(schemaViolations(value, schema)).toEqual([]);
      expect(value.either).toBe(5);
      expect(Object.keys(value.meta as object).sort()).toEqual(['a', 'b']);
      if ('optional' in value) withOptional += 1;
    }
    expect(withOptional).toBeGreaterThan(40);
    expect(withOptional).toBeLessThan(100);
  });

  it('writes Chinese text from Chinese words and keeps every text distinct', () => {
    const generator = generatorFor({ type: 'string' }, 'zh');
    const texts = Array.from({ length: 500 }, () => generator.generate({ type: 'string' }) as string);
    expect(new Set(texts).size).toBe(500);
    for (const text of texts) expect(text).toMatch(/^[\p{Script=Han}]+。（\d+）$/u);
  });
});
