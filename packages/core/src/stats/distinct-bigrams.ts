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

/**
 * Accumulates distinct-2 over many texts: distinct token bigrams / all token bigrams, bigrams
 * taken within each text. Tokens are interned to small integers and bigrams kept as integer
 * pairs in typed arrays (≤ 27 bytes per distinct bigram).
 */
export class DistinctBigrams {
  readonly #tokenIds = new Map<string, number>();
  readonly #bigrams = new IntPairSet();
  #total = 0;

  /** Adds the bigrams of one text. */
  add(text: string): void {
    let previous = -1;
    for (const token of diversityTokens(text)) {
      let id = this.#tokenIds.get(token);
      if (id === undefined) {
        id = this.#tokenIds.size;
        this.#tokenIds.set(token, id);
      }
      if (previous >= 0) {
        this.#bigrams.add(previous, id);
        this.#total++;
      }
      previous = id;
    }
  }

  /** Bigrams seen in total. */
  get total(): number {
    return this.#total;
  }

  /** Distinct / total, or `undefined` when no text had two tokens. */
  ratio(): number | undefined {
    return this.#total === 0 ? undefined : this.#bigrams.size / this.#total;
  }
}
