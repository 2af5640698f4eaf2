import { normaliseText } from '../dedup/record-text.js';
import { IntPairSet } from './int-pair-set.js';

// One token per Chinese/Japanese character (no spaces to split on); elsewhere runs of letters,
// marks and digits. Punctuation, symbols and whitespace separate tokens and are dropped.
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Normalised tokens of a text for distinct-n figures: words in Latin-like scripts, characters in CJK. */
export function diversityTokens(text: string): string[] {
  return normaliseText(text).match(TOKEN) ?? [];
}

/** Distinct-n ratios of a set of texts: distinct n-grams over all n-grams, for n = 1, 2, 3. */
export interface DistinctNgramRatios {
  distinct1: number;
  /** Absent when no text had two tokens. */
  distinct2?: number;
  /** Absent when no text had three tokens. */
  distinct3?: number;
}

/**
 * Accumulates distinct-1/2/3 over many texts (Li et al. 2016): distinct token n-grams over all
 * token n-grams, n-grams taken within each text. Tokens are interned to small integers, bigrams
 * kept as integer pairs and trigrams as (bigram id, token) pairs in typed arrays (≤ 40 bytes per
 * distinct n-gram).
 */
export class DistinctNgrams {
  readonly #tokenIds = new Map<string, number>();
  readonly #bigrams = new IntPairSet();
  readonly #trigrams = new IntPairSet();
  readonly #totals = [0, 0, 0];

  /** Adds the n-grams of one text. */
  add(text: string): void {
    let previous = -1;
    let previousBigram = -1;
    for (const token of diversityTokens(text)) {
      let id = this.#tokenIds.get(token);
      if (id === undefined) {
        id = this.#tokenIds.size;
        this.#tokenIds.set(token, id);
      }
      this.#totals[0]!++;
      let bigram = -1;
      if (previous >= 0) {
        bigram = this.#bigrams.add(previous, id);
        this.#totals[1]!++;
        if (previousBigram >= 0) {
          this.#trigrams.add(previousBigram, id);
          this.#totals[2]!++;
        }
      }
      previous = id;
      previousBigram = bigram;
    }
  }

  /** N-grams seen in total, for n = 1, 2, 3. */
  get totals(): readonly number[] {
    return this.#totals;
  }

  /** The ratios, or `undefined` when no text had a token. */
  ratios(): DistinctNgramRatios | undefined {
    const [unigrams, bigrams, trigrams] = this.#totals as [number, number, number];
    if (unigrams === 0) return undefined;
    return {
      distinct1: this.#tokenIds.size / unigrams,
      ...(bigrams > 0 && { distinct2: this.#bigrams.size / bigrams }),
      ...(trigrams > 0 && { distinct3: this.#trigrams.size / trigrams }),
    };
  }
}
