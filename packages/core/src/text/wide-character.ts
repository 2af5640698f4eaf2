/**
 * Code point ranges whose East_Asian_Width is W (wide) or F (fullwidth) among the scripts DataSynth
 * renders (Hangul, CJK, kana, Yi, fullwidth forms), with the unassigned code points that default to
 * W: all of planes 2 and 3 up to U+2FFFD and U+3FFFD, nothing beyond. Emoji are not counted.
 * Source: Unicode EastAsianWidth-17.0.0.txt, https://unicode.org/Public/draft/ucd/EastAsianWidth.txt
 * (read 2026-12-06).
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2e80, 0x2e99], // CJK radicals supplement
  [0x2e9b, 0x2ef3],
  [0x2f00, 0x2fd5], // Kangxi radicals
  [0x2ff0, 0x303e], // ideographic description, CJK symbols and punctuation
  [0x3041, 0x3096], // hiragana
  [0x3099, 0x30ff], // kana marks, katakana
  [0x3105, 0x312f], // bopomofo
  [0x3131, 0x318e], // Hangul compatibility jamo
  [0x3190, 0x31e5], // kanbun, bopomofo extended, CJK strokes
  [0x31ef, 0x321e],
  [0x3220, 0x3247], // enclosed CJK
  [0x3250, 0xa48c], // enclosed CJK, CJK compatibility, extension A, hexagrams, unified ideographs, Yi
  [0xa490, 0xa4c6], // Yi radicals
  [0xa960, 0xa97c], // Hangul jamo extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe52], // CJK compatibility forms, small form variants
  [0xfe54, 0xfe66],
  [0xfe68, 0xfe6b],
  [0xff01, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x20000, 0x2fffd], // plane 2
  [0x30000, 0x3fffd], // plane 3
];

/**
 * Whether a code point is wide: it takes two terminal columns, and about a square at a text size.
 * The one rule for the CLI's column widths and the report's label widths.
 */
export function isWideCharacter(codePoint: number): boolean {
  let low = 0;
  let high = WIDE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = WIDE_RANGES[middle]!;
    if (codePoint < from) high = middle - 1;
    else if (codePoint > to) low = middle + 1;
    else return true;
  }
  return false;
}
