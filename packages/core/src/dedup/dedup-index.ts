import { BandIndex } from './band-index.js';
import { canonicalJson } from './canonical-json.js';
import { hashString53 } from './hash-string.js';
import { chooseLshBands } from './lsh-bands.js';
import {
  MinHasher,
  SHINGLE_SIZE,
  SIGNATURE_LENGTH,
  type StoredSignature,
  signatureSimilarity,
} from './min-hash.js';
import { recordText } from './record-text.js';

/**
 * Default similarity at or above which a record counts as a near-duplicate: 0.7.
 *
 * Calibrated on the 175 Self-Instruct seeds (English), the 175 BELLE seeds and the 50 DataRecipe
 * BELLE samples (Chinese): changing one word, or one 2–4 character Chinese phrase, in the longest
 * text of a record whose text is ≥ 60 characters is caught in 99.7–99.9% of trials (64
 * permutations), while no pair of distinct seeds reaches it (the closest distinct pair scores ≈ 0.36). At 0.8 the catch rate
 * falls to 95–99%; at 0.6 it barely rises.
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD: number = 0.7;

/** What {@link DedupIndex} looks for. */
export interface DedupOptions {
  /** Reject records whose canonical JSON (key order ignored) equals an indexed record's. */
  exact: boolean;
  /** Reject records whose text is estimated to be at least `threshold` similar to an indexed record's. */
  near: boolean;
  /**
   * Estimated Jaccard similarity of character 4-gram sets, in (0, 1], at or above which a record
   * is a near-duplicate. See {@link DEFAULT_NEAR_DUPLICATE_THRESHOLD}.
   */
  threshold: number;
}

/** Where an indexed record came from. */
export type DedupSource = 'seed' | 'accepted';

/**
 * The answer for one record. A match names the indexed record it duplicates (the first one
 * added, for exact matches; the most similar one, earliest on ties, for near matches).
 * `similarity` is 1 for exact matches and the MinHash estimate for near ones.
 */
export type DedupVerdict =
  | { duplicate: false }
  | {
      duplicate: true;
      kind: 'exact' | 'near';
      matchedId: string;
      matchedSource: DedupSource;
      similarity: number;
    };

// What one record turns into; computed once per check, reused by the insert that may follow.
interface PreparedRecord {
  exactKey: number | undefined;
  /** 'signature': the MinHash signature sits in the scratch buffer. */
  text: 'none' | 'short' | 'signature';
  shortTextKey: number;
}

const NOT_DUPLICATE: DedupVerdict = Object.freeze({ duplicate: false });
// Signatures live in fixed 512 KB blocks: no copy and no doubled peak when the index grows.
const CHUNK_RECORDS = 4096;
const SEED = 0;
const ACCEPTED = 1;

/**
 * An in-memory index of records (seeds and accepted records) answering "is this new record a
 * duplicate of one already indexed?" in roughly constant time.
 *
 * - Exact: a 53-bit hash of {@link canonicalJson} (a false match needs a hash collision, about
 *   one in 10^6 at 100,000 records).
 * - Near: a 64-value MinHash signature of {@link recordText}'s character 4-grams, looked up
 *   through LSH bands tuned to the threshold, and confirmed only when the signatures agree on
 *   at least `threshold` of their positions. Texts shorter than 4 characters are compared by
 *   exact normalised text (similarity 1); records with no text at all are never near-duplicates.
 *
 * Memory is about 0.4 KB per record, almost all in typed arrays (the 128-byte stored signature,
 * see {@link StoredSignature}, plus 12–20 bytes per LSH band): ~40 MB for 100,000 records at the
 * default threshold.
 */
export class DedupIndex {
  readonly #exact: boolean;
  readonly #near: boolean;
  readonly #threshold: number;
  readonly #ids: string[] = [];
  #sources = new Uint8Array(64);
  readonly #exactKeys = new Map<number, number>();
  readonly #shortTexts = new Map<number, number>();
  readonly #signatureChunks: StoredSignature[] = [];
  readonly #scratch = new Int32Array(SIGNATURE_LENGTH);
  readonly #hasher = new MinHasher();
  readonly #bandIndex: BandIndex;
  readonly #candidates: number[] = [];

  /** @throws RangeError when `threshold` is not a number in (0, 1]. */
  constructor(options: DedupOptions) {
    const { threshold } = options;
    if (!(Number.isFinite(threshold) && threshold > 0 && threshold <= 1)) {
      throw new RangeError(`Near-duplicate threshold must be a number in (0, 1]; got ${String(threshold)}`);
    }
    this.#exact = options.exact;
    this.#near = options.near;
    this.#threshold = threshold;
    this.#bandIndex = new BandIndex(chooseLshBands(threshold));
  }

  /** Number of records added so far (duplicates added with {@link add} included). */
  get size(): number {
    return this.#ids.length;
  }

  /** Looks the record up without adding it. */
  check(record: Record<string, unknown>): DedupVerdict {
    return this.#find(this.#prepare(record));
  }

  /** Adds the record unconditionally (seeds are added this way, duplicates among them included). */
  add(record: Record<string, unknown>, id: string, source: DedupSource): void {
    this.#insert(this.#prepare(record), id, source);
  }

  /**
   * Looks the record up and adds it only when it is not a duplicate (and `admit`, when given, says
   * yes: a later check may still refuse it), so a later record in the same batch is checked against it too.
   */
  checkAndAdd(
    record: Record<string, unknown>,
    id: string,
    source: DedupSource,
    admit?: () => boolean,
  ): DedupVerdict {
    const prepared = this.#prepare(record);
    const verdict = this.#find(prepared);
    if (!verdict.duplicate && (admit === undefined || admit())) this.#insert(prepared, id, source);
    return verdict;
  }

  #prepare(record: Record<string, unknown>): PreparedRecord {
    const prepared: PreparedRecord = { exactKey: undefined, text: 'none', shortTextKey: 0 };
    if (this.#exact) prepared.exactKey = hashString53(canonicalJson(record));
    if (this.#near) {
      const text = recordText(record);
      if (text.length >= SHINGLE_SIZE) {
        this.#hasher.signatureInto(text, this.#scratch, 0);
        prepared.text = 'signature';
      } else if (text.length > 0) {
        prepared.text = 'short';
        prepared.shortTextKey = hashString53(text, 1);
      }
    }
    return prepared;
  }

  #find(prepared: PreparedRecord): DedupVerdict {
    if (prepared.exactKey !== undefined) {
      const match = this.#exactKeys.get(prepared.exactKey);
      if (match !== undefined) return this.#verdict('exact', match, 1);
    }
    if (prepared.text === 'short') {
      const match = this.#shortTexts.get(prepared.shortTextKey);
      if (match !== undefined) return this.#verdict('near', match, 1);
    } else if (prepared.text === 'signature') {
      const candidates = this.#candidates;
      candidates.length = 0;
      this.#bandIndex.collectCandidates(this.#scratch, 0, candidates);
      let best = -1;
      let bestSimilarity = this.#threshold;
      for (const candidate of candidates) {
        const chunk = this.#signatureChunks[Math.floor(candidate / CHUNK_RECORDS)]!;
        const offset = (candidate % CHUNK_RECORDS) * SIGNATURE_LENGTH;
        const similarity = signatureSimilarity(this.#scratch, 0, chunk, offset, bestSimilarity);
        if (
          similarity > bestSimilarity ||
          (similarity === bestSimilarity && (best < 0 || candidate < best))
        ) {
          best = candidate;
          bestSimilarity = similarity;
        }
      }
      if (best >= 0) return this.#verdict('near', best, bestSimilarity);
    }
    return NOT_DUPLICATE;
  }

  #insert(prepared: PreparedRecord, id: string, source: DedupSource): void {
    const index = this.#ids.length;
    this.#ids.push(id);
    if (index >= this.#sources.length) {
      const grown = new Uint8Array(this.#sources.length * 2);
      grown.set(this.#sources);
      this.#sources = grown;
    }
    this.#sources[index] = source === 'seed' ? SEED : ACCEPTED;
    if (prepared.exactKey !== undefined && !this.#exactKeys.has(prepared.exactKey)) {
      this.#exactKeys.set(prepared.exactKey, index);
    }
    if (prepared.text === 'short' && !this.#shortTexts.has(prepared.shortTextKey)) {
      this.#shortTexts.set(prepared.shortTextKey, index);
    } else if (prepared.text === 'signature') {
      const chunkIndex = Math.floor(index / CHUNK_RECORDS);
      while (this.#signatureChunks.length <= chunkIndex) {
        this.#signatureChunks.push(new Uint16Array(CHUNK_RECORDS * SIGNATURE_LENGTH));
      }
      this.#bandIndex.insert(index, this.#scratch, 0);
      this.#signatureChunks[chunkIndex]!.set(this.#scratch, (index % CHUNK_RECORDS) * SIGNATURE_LENGTH);
    }
  }

  #verdict(kind: 'exact' | 'near', index: number, similarity: number): DedupVerdict {
    return {
      duplicate: true,
      kind,
      matchedId: this.#ids[index]!,
      matchedSource: this.#sources[index] === SEED ? 'seed' : 'accepted',
      similarity,
    };
  }
}
