import { describe, expect, it } from 'vitest';
import { cjkLetterShare, countTokens } from './token-count.js';

describe('countTokens', () => {
  it('counts a token per four Latin characters (rounded up) and one per CJK character', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('abcd')).toBe(1);
    expect(countTokens('abcde')).toBe(2);
    expect(countTokens('你好世界')).toBe(4);
    expect(countTokens('hi 你好')).toBe(3);
  });

  it('measures the CJK share of letters, ignoring digits and punctuation', () => {
    expect(cjkLetterShare('你好 ab')).toBe(0.5);
    expect(cjkLetterShare('123 !!')).toBe(0);
  });
});
