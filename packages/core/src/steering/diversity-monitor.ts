import { DistinctNgrams, diversityTokens } from '../stats/distinct-ngrams.js';

/** A diversity figure a run steers toward, from the prompt side (never by temperature). */
export interface DiversityTarget {
  /** Lowest acceptable distinct-2 of the main text over the recent accepted records. */
  minDistinct2?: number;
  /** Highest acceptable share of duplicates among the recent records dedup decided on. */
  maxNearDuplicateRate?: number;
}

/** The figures over the recent window, and how many records were accepted so far. */
export interface DiversityFigures {
  accepted: number;
  /** Absent until the window holds a bigram. */
  distinct2?: number;
  nearDuplicateRate: number;
}

const WINDOW = 200;
const OPENING_WORDS = 4;
const OPENING_CJK_CHARACTERS = 6;
const OPENINGS_SHOWN = 8;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Watches a run's diversity over a sliding window (the last 200 accepted records' main text, and the
 * last 200 dedup decisions) against a {@link DiversityTarget}. When a figure misses its target the
 * run's steering adds the openings the recent records keep repeating (the first 4 words, or 6 CJK
 * characters) to the batch's "avoid" list: the prompt side changes, the sampling settings do not.
 */
export class DiversityMonitor {
  readonly #target: DiversityTarget;
  readonly #texts: string[] = [];
  readonly #duplicates: boolean[] = [];
  #accepted = 0;

  constructor(target: DiversityTarget) {
    this.#target = target;
  }

  /** An accepted record's main text. */
  accept(text: string): void {
    this.#accepted++;
    this.#texts.push(text);
    if (this.#texts.length > WINDOW) this.#texts.shift();
    this.#decided(false);
  }

  /** A record dedup rejected. */
  noteDuplicate(): void {
    this.#decided(true);
  }

  /** The figures over the window. */
  figures(): DiversityFigures {
    const ngrams = new DistinctNgrams();
    for (const text of this.#texts) ngrams.add(text);
    const distinct2 = ngrams.ratios()?.distinct2;
    const duplicates = this.#duplicates.filter(Boolean).length;
    return {
      accepted: this.#accepted,
      ...(distinct2 !== undefined && { distinct2 }),
      nearDuplicateRate: this.#duplicates.length === 0 ? 0 : duplicates / this.#duplicates.length,
    };
  }

  /** Whether a figure misses its target now. */
  missed(): boolean {
    const figures = this.figures();
    const { minDistinct2, maxNearDuplicateRate } = this.#target;
    return (
      (minDistinct2 !== undefined && figures.distinct2 !== undefined && figures.distinct2 < minDistinct2) ||
      (maxNearDuplicateRate !== undefined && figures.nearDuplicateRate > maxNearDuplicateRate)
    );
  }

  /** Openings shared by at least two recent records, most repeated first (ties: most recent first). */
  repeatedOpenings(): string[] {
    const counts = new Map<string, { count: number; last: number }>();
    this.#texts.forEach((text, index) => {
      const opening = openingOf(text);
      if (opening === '') return;
      const entry = counts.get(opening) ?? { count: 0, last: index };
      entry.count++;
      entry.last = index;
      counts.set(opening, entry);
    });
    return [...counts]
      .filter(([, entry]) => entry.count >= 2)
      .sort(([, a], [, b]) => b.count - a.count || b.last - a.last)
      .slice(0, OPENINGS_SHOWN)
      .map(([opening]) => opening);
  }

  #decided(duplicate: boolean): void {
    this.#duplicates.push(duplicate);
    if (this.#duplicates.length > WINDOW) this.#duplicates.shift();
  }
}

function openingOf(text: string): string {
  const tokens = diversityTokens(text);
  if (tokens.length === 0) return '';
  return CJK.test(tokens[0]!)
    ? tokens.slice(0, OPENING_CJK_CHARACTERS).join('')
    : tokens.slice(0, OPENING_WORDS).join(' ');
}
