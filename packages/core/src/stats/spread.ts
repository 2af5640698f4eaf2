import type { HistogramBin } from './dataset-stats.js';
import { summariseNumbers } from './number-summary.js';

/**
 * Standard deviation over mean (population), a scale-free spread: 0 when every value is the same.
 * `undefined` for an empty list or a zero mean.
 */
export function coefficientOfVariation(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  if (mean === 0) return undefined;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / values.length) / mean;
}

/**
 * Shannon entropy of the counts over its maximum, ln(k) for k categories (unused ones included):
 * 1 when every category is used equally, 0 when one takes everything. `undefined` with fewer than
 * two categories or no count at all.
 */
export function normalisedEntropy(counts: readonly number[]): number | undefined {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (counts.length < 2 || total === 0) return undefined;
  let entropy = 0;
  for (const count of counts) if (count > 0) entropy -= (count / total) * Math.log(count / total);
  return entropy / Math.log(counts.length);
}

/** Summary of similarities in [0, 1]: mean, percentiles, max, and ten bins of width 0.1 (the last closed). */
export interface SimilarityDistribution {
  /** Records measured (those with text). */
  records: number;
  mean: number;
  p50: number;
  p90: number;
  max: number;
  histogram: HistogramBin[];
}

/** Summarises similarities, skipping `NaN`; `undefined` when none is left. */
export function similarityDistribution(similarities: ArrayLike<number>): SimilarityDistribution | undefined {
  const values = Array.from(similarities).filter((value) => !Number.isNaN(value));
  if (values.length === 0) return undefined;
  const summary = summariseNumbers(values);
  const counts = new Array<number>(10).fill(0);
  for (const value of values) counts[Math.min(9, Math.floor(value * 10))]!++;
  return {
    records: values.length,
    mean: summary.mean,
    p50: summary.p50,
    p90: summary.p90,
    max: summary.max,
    histogram: counts.map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count })),
  };
}
