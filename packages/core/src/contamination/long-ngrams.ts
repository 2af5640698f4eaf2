import { mix32 } from '../dedup/hash-string.js';
import { normaliseText } from '../dedup/record-text.js';

/** Words in a long n-gram: two texts sharing 13 consecutive words overlap (the GPT-3 paper's contamination test). */
export const WORD_NGRAM_LENGTH = 13;

/**
 * CJK characters in a long n-gram. Chinese and Japanese carry about 1.5 characters per English
 * word of content, so 20 characters is about as specific as 13 words.
 */
export const CJK_NGRAM_LENGTH = 20;

/**
 * Calls `visit(high, low)` with a 64-bit hash (two 32-bit halves) of every long n-gram of `text`.
 *
 * The text is normalised as for near-duplicate detection (NFKC, lower case), then read as two token
 * streams: words (runs of letters and digits outside CJK scripts) and CJK characters (Han, kana,
 * Hangul), one token each. Punctuation, whitespace and the other stream's tokens are skipped, so a
 * Chinese sentence quoted inside English text still forms one CJK run. An n-gram is
 * {@link WORD_NGRAM_LENGTH} consecutive words or {@link CJK_NGRAM_LENGTH} consecutive CJK
 * characters of one stream. A text shorter than that has none.
 */
export function forEachLongNgram(text: string, visit: (high: number, low: number) => void): void {
  const normalised = normaliseText(text);
  const words: number[] = [];
  const cjk: number[] = [];
  let wordHash = 0;
  let inWord = false;
  for (const character of normalised) {
    const code = character.codePointAt(0)!;
    if (isCjk(code)) {
      if (inWord) words.push(mix32(wordHash));
      inWord = false;
      cjk.push(mix32(code + 0x3c6ef372));
    } else if (code < 0x80 ? isAsciiLetterOrDigit(code) : WORD_CHARACTER.test(character)) {
      if (!inWord) wordHash = 0x811c9dc5;
      inWord = true;
      wordHash = Math.imul(wordHash ^ code, 0x01000193);
    } else {
      if (inWord) words.push(mix32(wordHash));
      inWord = false;
    }
  }
  if (inWord) words.push(mix32(wordHash));
  hashWindows(words, WORD_NGRAM_LENGTH, 0x1b873593, visit);
  hashWindows(cjk, CJK_NGRAM_LENGTH, 0x5bd1e995, visit);
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // extension A
    (code >= 0x20000 && code <= 0x2ebef) || // extensions B–F
    (code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
    (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
    (code >= 0xac00 && code <= 0xd7af) // Hangul syllables
  );
}

// Two independent 32-bit lanes per window; `stream` keeps word and CJK n-grams apart.
function hashWindows(
  tokens: number[],
  length: number,
  stream: number,
  visit: (high: number, low: number) => void,
): void {
  for (let start = 0; start + length <= tokens.length; start++) {
    let high = stream;
    let low = ~stream;
    for (let i = start; i < start + length; i++) {
      const token = tokens[i]!;
      high = Math.imul(high ^ token, 0x01000193);
      low = Math.imul(low ^ mix32(token ^ 0x27d4eb2f), 0x85ebca6b);
    }
    visit(mix32(high), mix32(low));
  }
}
