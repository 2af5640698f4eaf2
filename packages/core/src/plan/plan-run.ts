import { countTokens } from '@datasynth/cost';

/** Per-record output size measured on the seeds, used for max tokens per call and estimates. */
export interface RecordSize {
  meanTokens: number;
  p90Tokens: number;
}

/** Output tokens of one record when there are no seeds to measure. */
export const DEFAULT_RECORD_TOKENS = 300;

/** Measures how many output tokens a record takes, from the seeds as the model would write them. */
export function measureRecordSize(seeds: readonly Record<string, unknown>[], model: string): RecordSize {
  if (seeds.length === 0) return { meanTokens: DEFAULT_RECORD_TOKENS, p90Tokens: DEFAULT_RECORD_TOKENS };
  const sizes = seeds.map((seed) => countTokens(JSON.stringify(seed), { model })).sort((a, b) => a - b);
  const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
  const p90 = sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * 0.9))] ?? mean;
  return { meanTokens: Math.ceil(mean), p90Tokens: Math.ceil(p90) };
}

/**
 * Max output tokens for one call of `batchSize` records: room for every record at the seeds' 90th
 * percentile size plus half again (models write longer than seeds when asked to vary), plus the
 * JSON envelope. Never below 1024, never above 32,000.
 */
export function maxTokensForBatch(batchSize: number, size: RecordSize): number {
  const budget = Math.ceil(batchSize * size.p90Tokens * 1.5 + 200);
  return Math.min(32_000, Math.max(1024, budget));
}
