import { DedupIndex } from '../dedup/dedup-index.js';
import { growInt32Array } from '../dedup/grow-int32-array.js';
import { recordText } from '../dedup/record-text.js';
import { forEachLongNgram } from './long-ngrams.js';
import { NgramTable } from './ngram-table.js';

/** Where a guarded item came from: a held-out file (or the seeds) and its 1-based position there. */
export interface GuardedItem {
  /** The held-out file's path as given, or the seeds' label. */
  file: string;
  /** 1-based position of the item in its file. */
  item: number;
  /** The item's id, when its file carried one (a DataRecipe/DataSynth envelope). */
  id?: string;
}

/**
 * The guard's answer for one candidate record: no overlap, or the first overlap found, in order
 * exact (canonical JSON equal), near (MinHash similarity at least the threshold), n-gram (a long
 * n-gram shared; see `forEachLongNgram`). `similarity` is 1 for exact and n-gram hits.
 */
export type GuardVerdict =
  | { hit: false }
  | ({ hit: true; kind: 'exact' | 'near' | 'ngram'; similarity: number } & GuardedItem);

/** What the guard compares (the run's near-duplicate threshold, usually). */
export interface ContaminationGuardOptions {
  /** Near-duplicate threshold, in (0, 1]. */
  threshold: number;
  /**
   * Check long n-grams only (no exact or near-duplicate index): for the seeds, whose exact and near
   * copies the run's dedup index already catches. Saves the MinHash work and memory.
   */
  ngramsOnly?: boolean;
}

const NO_HIT: GuardVerdict = Object.freeze({ hit: false });

/**
 * An index over guarded records (held-out evaluation sets, or the seeds) answering, for a
 * candidate record, whether it overlaps any of them: exactly, as a near-duplicate (the dedup
 * MinHash index), or by a long n-gram. Memory and time are linear in the guarded text: about
 * 0.4 KB per item for the MinHash index plus 17–34 bytes per distinct n-gram; a check costs one
 * signature, one LSH lookup and one hash lookup per n-gram of the candidate.
 */
export class ContaminationGuard {
  readonly #index: DedupIndex | undefined;
  readonly #ngrams = new NgramTable();
  readonly #files: string[] = [];
  #fileOfItem = new Int32Array(1024);
  #positionOfItem = new Int32Array(1024);
  readonly #idOfItem = new Map<number, string>();
  #items = 0;

  constructor(options: ContaminationGuardOptions) {
    this.#index = options.ngramsOnly
      ? undefined
      : new DedupIndex({ exact: true, near: true, threshold: options.threshold });
  }

  /** Items guarded so far. */
  get size(): number {
    return this.#items;
  }

  /**
   * Guards the records of one file (or the seeds, under a label). `ids[i]`, when given, is record
   * i's id in that file.
   */
  addFile(
    file: string,
    records: readonly Record<string, unknown>[],
    ids?: readonly (string | undefined)[],
  ): void {
    let fileIndex = this.#files.indexOf(file);
    if (fileIndex < 0) {
      fileIndex = this.#files.push(file) - 1;
    }
    for (const [position, record] of records.entries()) {
      const item = this.#items++;
      if (item >= this.#fileOfItem.length) {
        this.#fileOfItem = growInt32Array(this.#fileOfItem, item + 1);
        this.#positionOfItem = growInt32Array(this.#positionOfItem, item + 1);
      }
      this.#fileOfItem[item] = fileIndex;
      this.#positionOfItem[item] = position + 1;
      const id = ids?.[position];
      if (id !== undefined) this.#idOfItem.set(item, id);
      this.#index?.add(record, String(item), 'seed');
      forEachLongNgram(recordText(record), (high, low) => this.#ngrams.add(high, low, item));
    }
  }

  /** Looks the candidate up; the guard never learns from candidates. */
  check(record: Record<string, unknown>): GuardVerdict {
    if (this.#items === 0) return NO_HIT;
    const verdict = this.#index?.check(record);
    if (verdict?.duplicate) return this.#hit(verdict.kind, Number(verdict.matchedId), verdict.similarity);
    let found = -1;
    forEachLongNgram(recordText(record), (high, low) => {
      if (found >= 0) return;
      found = this.#ngrams.get(high, low);
    });
    return found >= 0 ? this.#hit('ngram', found, 1) : NO_HIT;
  }

  #hit(kind: 'exact' | 'near' | 'ngram', item: number, similarity: number): GuardVerdict {
    const id = this.#idOfItem.get(item);
    return {
      hit: true,
      kind,
      similarity,
      file: this.#files[this.#fileOfItem[item]!]!,
      item: this.#positionOfItem[item]!,
      ...(id !== undefined && { id }),
    };
  }
}
