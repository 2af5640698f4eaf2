import { schemaViolations } from '@datasynth/testkit';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../spec/json-schema.js';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { stripNullOptionalProperties } from './strip-null-optional-properties.js';
import { allowsNull, toOpenAIStrictSchema } from './to-openai-strict-schema.js';

type Schema = Record<string, unknown>;

const strictKeywords = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'definitions',
  'description',
  'title',
  'format',
  // OpenAI's guide lists these as supported (structured-output-support.ts): they stay.
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);
/** What the guide does not list: removed, reported, and moved into the description. */
const constraintKeywords = ['minLength', 'maxLength'];

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type Random = ReturnType<typeof prng>;

function randomSchema(random: Random, depth: number): Schema {
  const kind = depth > 2 ? random.int(0, 4) : random.int(0, 6);
  const withConstraints = (schema: Schema, keywords: [string, unknown][]) => {
    for (const [keyword, value] of keywords) if (random.next() < 0.4) schema[keyword] = value;
    return schema;
  };
  switch (kind) {
    case 0:
      return withConstraints({ type: 'string' }, [
        ['minLength', 2],
        ['maxLength', 40],
        ['pattern', '^[a-z]+$'],
        ['format', random.next() < 0.5 ? 'date' : 'color-hex'],
      ]);
    case 1:
      return withConstraints({ type: 'integer' }, [
        ['minimum', 1],
        ['maximum', 9],
      ]);
    case 2:
      return withConstraints({ type: 'number' }, [['multipleOf', 0.5]]);
    case 3:
      return { type: 'boolean', ...(random.next() < 0.3 ? { default: true } : {}) };
    case 4:
      return { type: 'string', enum: ['red', 'green', 'blue'].slice(0, random.int(1, 3)) };
    case 5:
      return withConstraints({ type: 'array', items: randomSchema(random, depth + 1) }, [
        ['minItems', 1],
        ['maxItems', 4],
      ]);
    default: {
      const properties: Schema = {};
      const required: string[] = [];
      const count = random.int(1, 4);
      for (let index = 0; index < count; index += 1) {
        const name = `field_${depth}_${index}`;
        properties[name] = randomSchema(random, depth + 1);
        if (random.next() < 0.5) required.push(name);
      }
      return { type: 'object', description: 'a record', properties, required };
    }
  }
}

function walk(schema: unknown, visit: (node: Schema) => void): void {
  if (Array.isArray(schema)) {
    for (const entry of schema) walk(entry, visit);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Schema;
  visit(node);
  for (const key of ['items', 'anyOf', 'allOf', 'oneOf']) walk(node[key], visit);
  for (const key of ['properties', '$defs', 'definitions']) {
    const map = node[key];
    if (typeof map === 'object' && map !== null) for (const child of Object.values(map)) walk(child, visit);
  }
}

/** A value the strict decoder could produce: every property present, nulls where allowed. */
function strictValue(schema: Schema, random: Random): unknown {
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as Schema[];
    return strictValue(branches[random.int(0, branches.length - 1)] as Schema, random);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.includes('null') && (types.length === 1 || random.next() < 0.5)) return null;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((value) => value !== null);
    return values[random.int(0, values.length - 1)];
  }
  switch (types.find((type) => type !== 'null')) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties as Schema)) {
        result[key] = strictValue(child as Schema, random);
      }
      return result;
    }
    case 'array':
      return Array.from({ length: random.int(0, 2) }, () => strictValue(schema.items as Schema, random));
    case 'integer':
      return random.int(0, 100);
    case 'number':
      return random.next() * 10;
    case 'boolean':
      return random.next() < 0.5;
    default:
      return 'text';
  }
}

function nonNullBranch(schema: Schema): Schema {
  if (!Array.isArray(schema.anyOf)) return schema;
  return (schema.anyOf as Schema[]).find((branch) => branch.type !== 'null') ?? schema;
}

/** Optional properties admit null in the strict schema; required ones do not gain it. */
function expectNullability(original: Schema, strict: Schema): void {
  const strictNode = nonNullBranch(strict);
  if (original.items && strictNode.items)
    expectNullability(original.items as Schema, strictNode.items as Schema);
  const properties = original.properties as Record<string, Schema> | undefined;
  if (!properties) return;
  const required = new Set(original.required as string[]);
  const strictProperties = strictNode.properties as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    const converted = strictProperties[name] as Schema;
    expect(allowsNull(converted), name).toBe(!required.has(name));
    expectNullability(property, converted);
  }
}

describe('toOpenAIStrictSchema', () => {
  it('makes every property required, optional ones nullable, and closes every object', () => {
    const { schema } = toOpenAIStrictSchema(seedTaskBatchSchema);
    const record = (schema.properties as Schema).records as Schema;
    const item = record.items as Schema;
    const properties = item.properties as Record<string, Schema>;
    expect(schema.additionalProperties).toBe(false);
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(Object.keys(properties));
    expect(properties.difficulty).toEqual({ type: ['integer', 'null'], minimum: 1, maximum: 5 });
    expect(properties.name).toEqual({
      type: 'string',
      pattern: '^[a-z_]+$',
      description: '{"minLength":3,"maxLength":60}',
    });
    expect(record).toMatchObject({ minItems: 1, maxItems: 8 });
    expect(properties.notes).toEqual({ type: ['string', 'null'] });
    expect(properties.category).toEqual({
      type: 'string',
      enum: ['classification', 'generation', 'question_answering'],
    });
    expect(((properties.instances as Schema).items as Schema).additionalProperties).toBe(false);
  });

  it('keeps what the guide lists, and moves only what it does not into the description', () => {
    const before = structuredClone(seedTaskBatchSchema);
    const { schema, removedConstraints } = toOpenAIStrictSchema(seedTaskBatchSchema);
    expect(removedConstraints).toEqual([
      'records[].name.minLength',
      'records[].name.maxLength',
      'records[].instruction.minLength',
    ]);
    const item = ((schema.properties as Schema).records as Schema).items as Schema;
    expect((item.properties as Record<string, Schema>).instruction).toEqual({
      type: 'string',
      description: '{"minLength":10}',
    });
    expect(JSON.stringify(schema)).not.toMatch(/"minLength"|"maxLength"/);
    expect(seedTaskBatchSchema).toEqual(before);
  });

  it('keeps each number, string and array constraint kind the guide lists', () => {
    const input: JsonSchema = {
      type: 'object',
      properties: {
        n: {
          type: 'number',
          minimum: 0,
          exclusiveMinimum: -1,
          maximum: 9,
          exclusiveMaximum: 10,
          multipleOf: 0.5,
        },
        code: { type: 'string', pattern: '^[A-Z]{3}$', format: 'uuid' },
        list: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
        either: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 2 }] },
      },
      required: ['n', 'code', 'list', 'either'],
    };
    const { schema, removedConstraints } = toOpenAIStrictSchema(input);
    expect(removedConstraints).toEqual([]);
    expect(schema).toEqual({ ...input, additionalProperties: false });
  });

  it('handles refs, unions, intersections, formats and open maps', () => {
    const input: JsonSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        turn: {
          type: 'object',
          properties: { role: { enum: ['user', 'assistant'] }, text: { type: 'string' } },
          required: ['role', 'text'],
        },
      },
      properties: {
        first: { $ref: '#/$defs/turn' },
        rest: { type: 'array', items: { $ref: '#/$defs/turn' }, uniqueItems: true },
        when: { type: 'string', format: 'date-time', default: '2024-01-01T00:00:00Z' },
        colour: { type: 'string', format: 'color-hex' },
        either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        merged: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { type: 'object', properties: { b: { type: 'integer' } } },
          ],
        },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        maybe: { type: 'string', nullable: true },
      },
      required: ['first', 'rest', 'when', 'merged'],
    };
    const { schema, removedConstraints } = toOpenAIStrictSchema(input);
    const properties = schema.properties as Record<string, Schema>;
    expect(schema.$schema).toBeUndefined();
    expect(((schema.$defs as Schema).turn as Schema).additionalProperties).toBe(false);
    expect(properties.first).toEqual({ $ref: '#/$defs/turn' });
    expect(properties.when).toEqual({ type: 'string', format: 'date-time' });
    expect(properties.colour).toEqual({ type: ['string', 'null'], description: '{"format":"color-hex"}' });
    expect(properties.either).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] });
    expect(properties.merged).toMatchObject({
      type: 'object',
      required: ['a', 'b'],
      properties: { a: { type: 'string' }, b: { type: ['integer', 'null'] } },
      additionalProperties: false,
    });
    expect(properties.tags).toEqual({
      anyOf: [
        { type: 'object', properties: {}, required: [], additionalProperties: false },
        { type: 'null' },
      ],
    });
    expect(properties.maybe).toEqual({ type: ['string', 'null'] });
    expect(removedConstraints).toEqual(
      expect.arrayContaining([
        'rest.uniqueItems',
        'colour.format(color-hex)',
        'either.oneOf(exclusive)',
        'tags.additionalProperties',
      ]),
    );
  });

  it('keeps invariants over 400 generated schemas, and strict answers strip back to the original shape', () => {
    const random = prng(20240611);
    for (let round = 0; round < 400; round += 1) {
      const original: Schema = randomSchema(random, 0);
      const root: Schema =
        original.type === 'object'
          ? original
          : { type: 'object', properties: { value: original }, required: [] };
      const snapshot = JSON.stringify(root);
      const { schema, removedConstraints } = toOpenAIStrictSchema(root);
      expect(JSON.stringify(root)).toBe(snapshot);

      walk(schema, (node) => {
        for (const keyword of Object.keys(node)) expect(strictKeywords.has(keyword), keyword).toBe(true);
        if (node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'))) {
          expect(node.additionalProperties).toBe(false);
          expect(node.required).toEqual(Object.keys(node.properties as Schema));
        }
      });

      let constraintCount = 0;
      walk(root, (node) => {
        for (const keyword of constraintKeywords) if (keyword in node) constraintCount += 1;
        if (node.format === 'color-hex') constraintCount += 1;
      });
      expect(removedConstraints).toHaveLength(constraintCount);
      expectNullability(root, schema);

      const value = strictValue(schema, random);
      const stripped = stripNullOptionalProperties(value, root);
      expect(schemaViolations(stripped, root, { shapeOnly: true })).toEqual([]);
      expect(JSON.stringify(stripped)).not.toContain('null');
    }
  });
});
