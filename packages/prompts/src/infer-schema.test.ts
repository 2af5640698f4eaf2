import { describe, expect, it } from 'vitest';
import { inferSchema } from './infer-schema.js';
import { PromptsError } from './prompts-error.js';

describe('inferSchema', () => {
  it('infers types, required fields, nullability and nested shapes', () => {
    const schema = inferSchema([
      { q: 'a', n: 1, x: 1, tags: ['a'], meta: { lang: 'en', extra: true }, maybe: null },
      { q: 'b', n: 2, x: 1.5, tags: [], meta: { lang: 'zh' }, maybe: 'x' },
      { q: 'c', n: 3, x: 2, tags: ['b', 'c'], meta: { lang: 'en' } },
    ]);
    expect(schema.source).toBe('inferred');
    const byName = Object.fromEntries(schema.fields.map((field) => [field.name, field]));
    expect(byName.q).toMatchObject({ type: 'string', required: true });
    expect(byName.n?.type).toBe('integer');
    expect(byName.x?.type).toBe('number');
    expect(byName.tags).toMatchObject({ type: 'array', items: { name: '', type: 'string' } });
    expect(byName.meta?.fields).toEqual([
      { name: 'lang', type: 'string', required: true, constraints: {} },
      { name: 'extra', type: 'boolean', required: false, constraints: {} },
    ]);
    expect(byName.maybe).toMatchObject({ type: 'string', required: false, nullable: true });
  });

  it('refuses zero seeds', () => {
    expect(() => inferSchema([])).toThrow(PromptsError);
  });
});
