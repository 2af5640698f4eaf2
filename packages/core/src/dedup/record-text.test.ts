import { describe, expect, it } from 'vitest';
import { recordText } from './record-text.js';

describe('recordText', () => {
  it('joins every string leaf, nested ones included, ignoring numbers, booleans and keys', () => {
    const record = {
      instruction: 'Write a poem',
      instances: [{ input: 'summer', output: 'Hot days' }],
      is_classification: false,
      score: 3,
    };
    expect(recordText(record)).toBe('summer hot days write a poem');
  });

  it('does not depend on key order', () => {
    expect(recordText({ a: 'one', b: { c: 'two', d: 'three' } })).toBe(
      recordText({ b: { d: 'three', c: 'two' }, a: 'one' }),
    );
  });

  it('normalises with NFKC, lower case and collapsed whitespace', () => {
    expect(recordText({ text: '  ＨＥＬＬＯ\t\n  Ｗｏｒｌｄ１２３ ' })).toBe('hello world123');
    expect(recordText({ text: '请以“夏天”为主题，\n\n写一首诗' })).toBe('请以“夏天”为主题, 写一首诗');
  });

  it('is empty for a record without text', () => {
    expect(recordText({ n: 1, ok: true, list: [2, 3] })).toBe('');
  });
});
