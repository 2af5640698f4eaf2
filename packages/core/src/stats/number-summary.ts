import type { HistogramBin } from './dataset-stats.js';

/** Minimum, maximum, mean and nearest-rank 50th/90th percentiles of a non-empty list. */
export interface NumberSummary {
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
}

/** Summarises `values` (must be non-empty). */
export function summariseNumbers(values: readonly number[]): NumberSummary {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    min: sorted[0]!,
    max: sorted[count - 1]!,
    mean: sum / count,
    p50: sorted[nearestRank(0.5, count)]!,
    p90: sorted[nearestRank(0.9, count)]!,
  };
}

function nearestRank(percentile: number, count: number): number {
  return Math.max(0, Math.ceil(percentile * count) - 1);
}

const MAX_BINS = 10;

/**
 * Equal-width histogram of a non-empty list, at most 10 bins. Integer data gets integer bins
 * `[from, to)` covering every integer from min to max; other data gets 10 bins over [min, max],
 * the last one closed.
 */
export function histogram(values: readonly number[], min: number, max: number): HistogramBin[] {
  if (values.every(Number.isInteger)) {
    const width = Math.max(1, Math.ceil((max - min + 1) / MAX_BINS));
    const bins = Math.ceil((max - min + 1) / width);
    const counts = new Array<number>(bins).fill(0);
    for (const value of values) counts[Math.floor((value - min) / width)]!++;
    return counts.map((count, i) => ({ from: min + i * width, to: min + (i + 1) * width, count }));
  }
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const width = (max - min) / MAX_BINS;
  const counts = new Array<number>(MAX_BINS).fill(0);
  for (const value of values) counts[Math.min(MAX_BINS - 1, Math.floor((value - min) / width))]!++;
  return counts.map((count, i) => ({
    from: min + i * width,
    to: i === MAX_BINS - 1 ? max : min + (i + 1) * width,
    count,
  }));
}
