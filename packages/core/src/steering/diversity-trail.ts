import type { DatasetSchema } from '@datasynth/prompts';
import { DistinctNgrams } from '../stats/distinct-ngrams.js';
import type { DiversityTarget } from './diversity-monitor.js';
import { mainTextReader } from './main-text.js';

/** The diversity of one chunk of accepted records, in acceptance order. */
export interface DiversityPoint {
  /** Records accepted up to the end of this chunk (the x of the point). */
  accepted: number;
  /** Records in the chunk: the chunk size, fewer for the run's last, unfinished chunk. */
  records: number;
  /** Distinct-2 of the chunk's main texts; absent when no text had two tokens. */
  distinct2?: number;
  /** Records dedup rejected while the chunk filled. */
  duplicates: number;
  /** duplicates / (duplicates + records): the near-duplicate share of the chunk's dedup decisions. */
  nearDuplicateRate: number;
}

/** The diversity over a run as the run state keeps it. */
export interface DiversityTrailState {
  chunkSize: number;
  points: DiversityPoint[];
  /** The run's `steering.diversityTarget`, when set: drawn beside the points. */
  target?: DiversityTarget;
}

/** About 20 points over a run, none from fewer than 10 records. */
const POINTS_PER_RUN = 20;
const MIN_CHUNK = 10;

/**
 * Records a run's diversity over time: distinct-2 of the main text and the near-duplicate share,
 * per chunk of accepted records in acceptance order, for the report's "diversity over the run". It
 * listens to the intake like the steering does (accepted records, duplicates) and keeps only the
 * current chunk's n-gram counts. Its points are kept in the run state; a resume takes them up and refills
 * the unfinished chunk from the records already in the output.
 */
export class DiversityTrail {
  readonly #chunkSize: number;
  readonly #points: DiversityPoint[];
  readonly #target: DiversityTarget | undefined;
  readonly #mainText: (record: Record<string, unknown>) => string;
  /** The current chunk's n-grams (counted as records arrive: no text is kept). */
  #ngrams = new DistinctNgrams();
  #records = 0;
  #duplicates = 0;
  #accepted: number;

  constructor(options: {
    schema: DatasetSchema;
    targetCount: number;
    target?: DiversityTarget;
    /** The trail kept by the sessions before a resume. */
    state?: DiversityTrailState;
    /** The records the output already holds, in acceptance order. */
    existing?: readonly Record<string, unknown>[];
  }) {
    const existing = options.existing ?? [];
    const { state } = options;
    this.#chunkSize =
      state?.chunkSize ?? Math.max(MIN_CHUNK, Math.ceil(options.targetCount / POINTS_PER_RUN));
    this.#target = options.target;
    this.#mainText = mainTextReader(options.schema);
    this.#accepted = existing.length;
    const complete = existing.length - (existing.length % this.#chunkSize);
    this.#points = (state?.points ?? []).filter(
      (point) => point.records === this.#chunkSize && point.accepted <= complete,
    );
    // The unfinished chunk: its records are in the output; its duplicates only in the state's last point.
    for (const record of existing.slice(complete)) this.#add(record);
    const unfinished = state?.points.at(-1);
    if (unfinished && unfinished.records < this.#chunkSize && unfinished.accepted === existing.length) {
      this.#duplicates = unfinished.duplicates;
    }
  }

  /** An accepted record. */
  accept(record: Record<string, unknown>): void {
    this.#accepted += 1;
    this.#add(record);
    if (this.#records < this.#chunkSize) return;
    this.#points.push(this.#point());
    this.#ngrams = new DistinctNgrams();
    this.#records = 0;
    this.#duplicates = 0;
  }

  /** A record dedup rejected. */
  noteDuplicate(): void {
    this.#duplicates += 1;
  }

  /** The finished chunks' points and, when it holds records, the unfinished chunk's so far. */
  toState(): DiversityTrailState {
    return {
      chunkSize: this.#chunkSize,
      points: this.#records > 0 ? [...this.#points, this.#point()] : [...this.#points],
      ...(this.#target && { target: { ...this.#target } }),
    };
  }

  #add(record: Record<string, unknown>): void {
    this.#ngrams.add(this.#mainText(record));
    this.#records += 1;
  }

  #point(): DiversityPoint {
    const distinct2 = this.#ngrams.ratios()?.distinct2;
    const records = this.#records;
    return {
      accepted: this.#accepted,
      records,
      ...(distinct2 !== undefined && { distinct2 }),
      duplicates: this.#duplicates,
      nearDuplicateRate: this.#duplicates / (this.#duplicates + records),
    };
  }
}
