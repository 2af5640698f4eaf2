import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('serialises records that differ only in key order identically, at every depth', () => {
    const a = { instruction: '写一首诗', meta: { lang: 'zh', tags: ['a', 'b'] }, score: 1 };
    const b = { score: 1, meta: { tags: ['a', 'b'], lang: 'zh' }, instruction: '写一首诗' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"instruction":"写一首诗","meta":{"lang":"zh","tags":["a","b"]},"score":1}',
    );
  });

  it('keeps array order and value differences significant', () => {
    expect(canonicalJson({ tags: ['a', 'b'] })).not.toBe(canonicalJson({ tags: ['b', 'a'] }));
    expect(canonicalJson({ n: 1 })).not.toBe(canonicalJson({ n: '1' }));
  });

  it('parses back to an equal value and follows JSON.stringify for undefined and non-finite numbers', () => {
    const value = { b: [1, undefined, Number.NaN], a: undefined, c: null, d: 'x\n"y"' };
    expect(canonicalJson(value)).toBe('{"b":[1,null,null],"c":null,"d":"x\\n\\"y\\""}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('rejects circular structures instead of overflowing the stack', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
