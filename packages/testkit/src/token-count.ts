const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Approximate token count of a text: one token per CJK character, plus one per four other
 * characters (rounded up). Close enough to real tokenizers for budgets and rate limits in tests.
 */
export function countTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const character of text) {
    if (cjkCharacter.test(character)) cjk += 1;
    else other += 1;
  }
  return cjk + Math.ceil(other / 4);
}

/** Share (0..1) of the letters in a text that are CJK characters. */
export function cjkLetterShare(text: string): number {
  let letters = 0;
  let cjk = 0;
  for (const character of text) {
    if (!/\p{L}/u.test(character)) continue;
    letters += 1;
    if (cjkCharacter.test(character)) cjk += 1;
  }
  return letters === 0 ? 0 : cjk / letters;
}
