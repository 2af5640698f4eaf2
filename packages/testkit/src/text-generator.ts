import type { SeededRandom } from './seeded-random.js';
import { chineseWords, englishWords } from './word-lists.js';

/** Language of generated text. */
export type TextLanguage = 'en' | 'zh';

/** Length bounds of one generated string, in characters. */
export interface TextBounds {
  minLength?: number;
  maxLength?: number;
}

/**
 * Builds strings from random words of a ~300-word vocabulary plus a running serial number, so no
 * two generated strings are equal or near-duplicates of each other (by character shingles).
 */
export class TextGenerator {
  readonly language: TextLanguage;
  readonly #random: SeededRandom;
  readonly #nextSerial: () => number;

  constructor(options: { language: TextLanguage; random: SeededRandom; nextSerial: () => number }) {
    this.language = options.language;
    this.#random = options.random;
    this.#nextSerial = options.nextSerial;
  }

  /** The vocabulary of this generator's language. */
  get words(): readonly string[] {
    return this.language === 'zh' ? chineseWords : englishWords;
  }

  /** A fresh text of 8–40 words (fewer when `maxLength` is small) that respects the bounds. */
  text(bounds: TextBounds = {}): string {
    const minLength = Math.max(0, bounds.minLength ?? 0);
    const maxLength = Math.max(minLength, bounds.maxLength ?? Number.POSITIVE_INFINITY);
    const serial = this.#nextSerial();
    const suffix = this.language === 'zh' ? `（${serial}）` : ` #${serial}`;
    const wordTarget = this.#random.int(8, 40);
    const separator = this.language === 'zh' ? '' : ' ';
    const parts: string[] = [];
    for (let index = 0; index < wordTarget; index += 1) parts.push(this.#random.pick(this.words));
    let body = this.#joinSentence(parts, separator);
    while (body.length + suffix.length < minLength) {
      parts.push(this.#random.pick(this.words));
      body = this.#joinSentence(parts, separator);
    }
    if (body.length + suffix.length <= maxLength) return body + suffix;
    if (maxLength > suffix.length + 1) {
      while (parts.length > 1 && this.#joinSentence(parts, separator).length + suffix.length > maxLength) {
        parts.pop();
      }
      body = this.#joinSentence(parts, separator).slice(0, maxLength - suffix.length);
      const padded = this.#pad(body + suffix, minLength);
      return padded;
    }
    return this.#pad(this.#joinSentence(parts, separator).slice(0, maxLength), minLength);
  }

  /** A word of the vocabulary different from `word`, of the same length when one exists. */
  replacementFor(word: string): string {
    const sameLength = this.words.filter(
      (candidate) => candidate !== word && candidate.length === word.length,
    );
    const pool = sameLength.length > 0 ? sameLength : this.words.filter((candidate) => candidate !== word);
    return this.#random.pick(pool);
  }

  #joinSentence(parts: readonly string[], separator: string): string {
    const joined = parts.join(separator);
    if (this.language === 'zh') return `${joined}。`;
    return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
  }

  #pad(text: string, minLength: number): string {
    let padded = text;
    while (padded.length < minLength) padded += this.language === 'zh' ? '文' : 'x';
    return padded;
  }
}
