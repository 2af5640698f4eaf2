import type { SimilarityDistribution } from './spread.js';

/** One histogram bar: values `v` with `from ≤ v < to` (for non-integer data the last bar also holds `v = to`). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Distribution figures for one top-level field. */
export interface FieldStats {
  name: string;
  /** The schema's type when a schema was given, else inferred from the values ('mixed' when they disagree). */
  type: string;
  /** Records where the field holds a value other than `null`/`undefined`. */
  present: number;
  /** Records where it is absent or `null`. */
  missing: number;
  /** String values: length in Unicode code points; p50/p90 are nearest-rank percentiles. */
  length?: { min: number; max: number; mean: number; p50: number; p90: number; histogram: HistogramBin[] };
  /** Finite numeric values. */
  numeric?: { min: number; max: number; mean: number; histogram: HistogramBin[] };
  /**
   * Counts per value for schema enums (every member listed, unused ones with 0), booleans, and
   * low-cardinality strings (≤ 20 distinct values, each used twice on average). Sorted by count,
   * then value.
   */
  values?: { value: string; count: number }[];
  /** Array values: number of items. */
  listLength?: { min: number; max: number; mean: number };
}

/** How varied the records are, among themselves and against the seeds. */
export interface DiversityStats {
  /**
   * Per text path (`instruction`, nested as `instances[].output`): distinct token bigrams over
   * all bigrams, bigrams taken within each value. Tokens are words in Latin-like scripts and
   * single characters in Chinese/Japanese; punctuation is ignored. Schema enum fields and paths
   * without any bigram are left out.
   */
  distinct2: Record<string, number>;
  /** Per text path: distinct tokens over all tokens (as {@link DiversityStats.distinct2}). */
  distinct1: Record<string, number>;
  /** Per text path: distinct token trigrams over all trigrams; paths without a trigram left out. */
  distinct3: Record<string, number>;
  /**
   * Per top-level free-text field (not categories): standard deviation of the lengths (code points) over their mean; 0
   * when every record is as long as the others.
   */
  lengthSpread: Record<string, number>;
  /**
   * Per field with a value distribution (schema enums, booleans, low-cardinality strings such as a
   * topic field): Shannon entropy over its maximum, ln(k) for k values (unused enum members count):
   * 1 for an even spread, 0 when one value takes every record.
   */
  valueSpread: Record<string, number>;
  /**
   * Each record's similarity to its nearest other record (MinHash over character 4-grams, exact),
   * summarised; absent when no record has text.
   */
  nearestNeighbour?: SimilarityDistribution;
  /**
   * Share of records that are a near-duplicate (or exact duplicate) of an earlier record, as
   * in-loop dedup sees it: records are checked in order against the earlier records that were
   * not themselves duplicates — i.e. the share dedup would reject.
   */
  nearDuplicateRate: number;
  /** Share of records at least `nearThreshold` similar to some seed (only when seeds are given). */
  tooCloseToSeedRate?: number;
  /**
   * Share of records that copy a seed (only when seeds are given): exactly, as a near-duplicate, or
   * by a long shared n-gram (13 words or 20 CJK characters) — the contamination guard over the seeds.
   */
  seedCopyRate?: number;
  /** The (up to) 10 records most similar to a seed, most similar first, each with its closest seed (only when seeds are given). */
  closestToSeed?: { index: number; seedIndex: number; similarity: number }[];
  /**
   * Groups of near- or exact-duplicate records (only when there are any): the first record of each
   * group and the later ones that duplicate it, largest groups first, at most 10.
   */
  duplicateClusters?: { index: number; duplicates: { index: number; similarity: number }[] }[];
}

/** Records that overlap a held-out item (only when held-out files were given). */
export interface HoldoutOverlapStats {
  /** Records overlapping some held-out item. */
  count: number;
  rate: number;
  /** The first 20 of them: record position (0-based), and the file, 1-based item, id and kind of overlap. */
  examples: { index: number; file: string; item: number; id?: string; kind: 'exact' | 'near' | 'ngram' }[];
}

/** Statistics of a record set; deterministic for the same input (no timestamps). */
export interface DatasetStats {
  count: number;
  fields: FieldStats[];
  diversity: DiversityStats;
  holdout?: HoldoutOverlapStats;
  generatedAt?: never;
}
