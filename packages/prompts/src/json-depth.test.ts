import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { parseSchema } from './parse-schema.js';
import { parseSeeds } from './parse-seeds.js';
import { PromptsError } from './prompts-error.js';

/** `{"properties": {"x": {"properties": … }}}` nested `levels` objects deep. */
function nestedSchemaText(levels: number): string {
  return `${'{"type":"object","properties":{"x":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
}

describe('JSON depth limit', () => {
  it('measures nesting without recursion, even 100,000 levels deep', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonDepth(deep, Number.POSITIVE_INFINITY)).toBe(100_000);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth('text')).toBe(0);
  });

  it('refuses a schema nested 10,000 levels deep with one line, not a stack overflow', () => {
    const schema = JSON.parse(nestedSchemaText(10_000));
    let error: unknown;
    try {
      parseSchema(schema, { file: 'deep.json' });
    } catch (caught) {
      error = caught;
    }
    expect(PromptsError.isInstance(error)).toBe(true);
    expect((error as PromptsError).code).toBe('too_deep');
    expect((error as PromptsError).message).toBe(
      `deep.json: the schema nests deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
    );
  });

  it('accepts a schema of ordinary depth', () => {
    expect(parseSchema(JSON.parse(nestedSchemaText(5))).schema.fields).toHaveLength(1);
  });

  it('refuses a seed record nested too deep, naming the line', () => {
    const deep = `{"text": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(() => parseSeeds(`{"text": "fine"}\n${deep}\n`, { file: 'seeds.jsonl' })).toThrow(
      `seeds.jsonl: the seed record (line 2) nests deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
    );
  });
});
