import { describe, expect, it } from 'vitest';
import { isWideCharacter } from './wide-character.js';

const wide = (text: string) => [...text].map((character) => isWideCharacter(character.codePointAt(0)!));

describe('isWideCharacter', () => {
  it('counts CJK ideographs, kana, Hangul and fullwidth forms wide, Latin and halfwidth forms narrow', () => {
    expect(wide('中文かなカナ한글ＡＢ１，。')).toEqual(Array(13).fill(true));
    expect(wide('abc 1,.é')).toEqual(Array(8).fill(false));
    // halfwidth katakana and Hangul are narrow (East_Asian_Width H)
    expect(wide('ｱﾝ')).toEqual([false, false]);
    expect(isWideCharacter(0x303f)).toBe(false); // ideographic half fill space: N
  });

  it('counts planes 2 and 3 wide up to U+2FFFD and U+3FFFD, and nothing beyond them', () => {
    expect(wide('𠀀𪚥𰀀')).toEqual([true, true, true]);
    for (const [codePoint, expected] of [
      [0x20000, true],
      [0x2fffd, true],
      [0x2fffe, false],
      [0x30000, true],
      [0x3fffd, true],
      [0x3fffe, false],
      [0x40000, false],
      [0xe0001, false], // language tag
      [0x10fffd, false], // private use
    ] as const) {
      expect(isWideCharacter(codePoint), codePoint.toString(16)).toBe(expected);
    }
  });
});
