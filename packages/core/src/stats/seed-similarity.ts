import { hashString53 } from '../dedup/hash-string.js';
import { MinHasher, SHINGLE_SIZE, SIGNATURE_LENGTH } from '../dedup/min-hash.js';
import { recordText } from '../dedup/record-text.js';

/** A record's closest seed. */
export interface ClosestSeed {
  seedIndex: number;
  /** Estimated Jaccard similarity, as the dedup index computes it. */
  similarity: number;
}

/**
 * Finds, for any record, the seed with the highest MinHash similarity — exactly (no LSH
 * approximation), through an inverted index from (signature position, value) to the seeds
 * holding it. Cost per record: 128 map lookups plus one counter bump per agreeing position.
 */
export class SeedSimilarityIndex {
  readonly #hasher = new MinHasher();
  readonly #signature = new Int32Array(SIGNATURE_LENGTH);
  readonly #postings = new Map<number, number[]>();
  readonly #shortTexts = new Map<number, number>();
  readonly #agreements: Int32Array;
  readonly #touched: number[] = [];

  constructor(seeds: readonly Record<string, unknown>[]) {
    this.#agreements = new Int32Array(seeds.length);
    seeds.forEach((seed, seedIndex) => {
      const text = recordText(seed);
      if (text.length >= SHINGLE_SIZE) {
        this.#hasher.signatureInto(text, this.#signature, 0);
        for (let position = 0; position < SIGNATURE_LENGTH; position++) {
          const key = postingKey(position, this.#signature[position]!);
          const list = this.#postings.get(key);
          if (list) list.push(seedIndex);
          else this.#postings.set(key, [seedIndex]);
        }
      } else if (text.length > 0) {
        const key = hashString53(text, 1);
        if (!this.#shortTexts.has(key)) this.#shortTexts.set(key, seedIndex);
      }
    });
  }

  /** The most similar seed (lowest index on ties), or `undefined` when no seed shares anything with the record. */
  closest(record: Record<string, unknown>): ClosestSeed | undefined {
    const text = recordText(record);
    if (text.length < SHINGLE_SIZE) {
      const seedIndex = text.length > 0 ? this.#shortTexts.get(hashString53(text, 1)) : undefined;
      return seedIndex === undefined ? undefined : { seedIndex, similarity: 1 };
    }
    this.#hasher.signatureInto(text, this.#signature, 0);
    const agreements = this.#agreements;
    const touched = this.#touched;
    for (let position = 0; position < SIGNATURE_LENGTH; position++) {
      const list = this.#postings.get(postingKey(position, this.#signature[position]!));
      if (!list) continue;
      for (const seedIndex of list) {
        if (agreements[seedIndex] === 0) touched.push(seedIndex);
        agreements[seedIndex]!++;
      }
    }
    let best: ClosestSeed | undefined;
    let bestAgreement = 0;
    for (const seedIndex of touched) {
      const agreement = agreements[seedIndex]!;
      agreements[seedIndex] = 0;
      if (agreement > bestAgreement || (agreement === bestAgreement && best && seedIndex < best.seedIndex)) {
        bestAgreement = agreement;
        best = { seedIndex, similarity: agreement / SIGNATURE_LENGTH };
      }
    }
    touched.length = 0;
    return best;
  }
}

// Position and unsigned value packed into one exact number (< 2^39).
function postingKey(position: number, value: number): number {
  return position * 4_294_967_296 + (value >>> 0);
}
