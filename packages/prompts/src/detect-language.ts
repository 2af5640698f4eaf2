/** The language prompts are written in. */
export type Language = 'zh' | 'en';

/**
 * Share of Han characters among all letters at or above which seeds count as Chinese. 0.2 rather than
 * 0.5 because Chinese records routinely carry English code, SQL, names and units, while English
 * records almost never contain Han characters.
 */
export const CJK_SHARE_THRESHOLD = 0.2;

// Enough letters to decide; counting every character of a large seed file adds time, not accuracy.
const MAX_LETTERS = 200_000;

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

function collectText(value: unknown, parts: string[], depth: number): void {
  if (depth > 32) return;
  if (typeof value === 'string') parts.push(value);
  else if (Array.isArray(value)) for (const item of value) collectText(item, parts, depth + 1);
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectText(item, parts, depth + 1);
  }
}

/**
 * Picks the prompt language from the seeds' string values (keys are ignored: they are usually English
 * even in Chinese datasets). Han characters / all letters ≥ `CJK_SHARE_THRESHOLD` (0.2) → 'zh', else 'en';
 * no letters at all → 'en'. Reads the values in order and stops after about 200,000 letters.
 */
export function detectLanguage(seeds: unknown[]): Language {
  const parts: string[] = [];
  collectText(seeds, parts, 0);
  let han = 0;
  let letters = 0;
  for (const part of parts) {
    for (const character of part) {
      // Checked per character: one huge value must not be read to its end.
      if (letters >= MAX_LETTERS) break;
      if (HAN.test(character)) {
        han += 1;
        letters += 1;
      } else if (LETTER.test(character)) {
        letters += 1;
      }
    }
  }
  return letters > 0 && han / letters >= CJK_SHARE_THRESHOLD ? 'zh' : 'en';
}
