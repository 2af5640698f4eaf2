import { CostError } from './cost-error.js';
import { costAtPrice } from './cost-of.js';
import { priceForPrompt } from './long-context-price.js';
import { lookupPrice } from './lookup-price.js';
import type { TokenUsage } from './model-price.js';
import { modelStatusWarnings, todayUtc } from './model-status-warnings.js';
import { requireNonNegativeNumber } from './non-negative-number.js';
import type { PriceOverrides } from './price-overrides.js';

/**
 * Share of generated records expected to survive validation and dedup when none is given: the one
 * planning yield of DataSynth (core's estimates use it too). Clean runs keep 0.99–1.0 of what they
 * parse; 0.9 leaves room for a real model's rejects and duplicates, so an estimate errs high.
 */
export const DEFAULT_EXPECTED_YIELD = 0.9;

/** Smallest cacheable prefix assumed for a model whose minimum is not in the table. */
export const DEFAULT_MIN_CACHEABLE_TOKENS = 1024;

/** What a planned run looks like, for {@link estimateRun}. Token counts are per request. */
export interface RunEstimateInput {
  model: string;
  /** Records wanted (accepted). */
  count: number;
  /** Records asked for per request. */
  batchSize: number;
  /** Cacheable prefix, identical in every request (instructions, schema, guidelines). */
  stablePromptTokens: number;
  /** Per-request part of the prompt (sampled seeds, count, steering). */
  varyingPromptTokens: number;
  outputTokensPerRecord: number;
  /** Accepted ÷ generated, in (0, 1]; default {@link DEFAULT_EXPECTED_YIELD}. */
  expectedYield?: number;
  /** Prompt caching on (default true: DataSynth marks the stable prefix; OpenAI and DeepSeek cache automatically). */
  caching?: boolean;
  /** Send through the provider's batch API. */
  batchApi?: boolean;
  overrides?: PriceOverrides;
  /** For the time estimate. Concurrency also bounds how many requests miss the cache at the start. */
  throughput?: { requestsPerMinute?: number; concurrency?: number; latencyMs?: number };
}

/** The result of {@link estimateRun}. Costs are in USD and undefined when the model has no price. */
export interface RunEstimate {
  model: string;
  priced: boolean;
  warnings: string[];
  count: number;
  batches: number;
  requests: number;
  /** Token totals for the chosen caching setting. */
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  cost: {
    noCaching?: number;
    withCaching?: number;
    batchApi?: number;
    batchApiWithCaching?: number;
    /** The figure for the requested `caching` and `batchApi` settings. */
    chosen?: number;
    perRecord?: number;
  };
  estimatedSeconds?: number;
}

/**
 * Estimates the tokens, cost and duration of a run before it starts.
 *
 * - batches = requests = ⌈count ÷ (batchSize × expectedYield)⌉;
 * - output = ⌈count ÷ expectedYield⌉ × outputTokensPerRecord;
 * - every request sends stable + varying input. With caching, the first request (or the first
 *   `concurrency` requests, which start before any cache entry exists) writes the stable prefix
 *   to the cache and every later one reads it — only when the prefix reaches the model's
 *   minimum cacheable size;
 * - time from throughput: the slower of the rate limit and concurrency × latency.
 */
export function estimateRun(input: RunEstimateInput): RunEstimate {
  validateInput(input);
  const warnings: string[] = [];
  const expectedYield = input.expectedYield ?? DEFAULT_EXPECTED_YIELD;
  const { count, batchSize, stablePromptTokens: stable, varyingPromptTokens: varying } = input;

  const batches = count === 0 ? 0 : Math.ceil(count / (batchSize * expectedYield));
  const requests = batches;
  const outputTokens = count === 0 ? 0 : Math.ceil(count / expectedYield) * input.outputTokensPerRecord;

  const found = lookupPrice(
    input.model,
    input.overrides === undefined ? undefined : { overrides: input.overrides },
  );
  const cachingRequested = input.caching ?? true;
  const batchRequested = input.batchApi ?? false;
  const minCacheable = found?.entry?.minCacheableTokens ?? DEFAULT_MIN_CACHEABLE_TOKENS;
  const cacheable = stable > 0 && stable >= minCacheable && requests > 0;

  const uncachedUsage: TokenUsage = {
    inputTokens: requests * (stable + varying),
    outputTokens,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
  };
  const writers = Math.min(requests, Math.max(1, Math.floor(input.throughput?.concurrency ?? 1)));
  const cachedUsage: TokenUsage = cacheable
    ? {
        inputTokens: requests * varying,
        outputTokens,
        cacheWriteTokens: writers * stable,
        cacheReadTokens: (requests - writers) * stable,
      }
    : uncachedUsage;
  const chosenUsage = cachingRequested ? cachedUsage : uncachedUsage;

  if (cachingRequested && stable > 0 && stable < minCacheable) {
    warnings.push(
      `The stable prompt prefix (${stable} tokens) is shorter than the ${minCacheable} tokens ${input.model} needs before it caches, so caching will not lower the cost.`,
    );
  }

  const cost: RunEstimate['cost'] = {};
  if (found === undefined) {
    warnings.push(
      `No price is known for model "${input.model}", so the cost is not estimated. Add a price override (USD per million tokens) to estimate it.`,
    );
  } else {
    warnings.push(...modelStatusWarnings(input.model, found, todayUtc()));
    const promptTokens = stable + varying;
    const longContext = found.entry?.longContext;
    if (longContext !== undefined && promptTokens > longContext.thresholdTokens) {
      warnings.push(
        `Each prompt (${promptTokens} tokens) is over the ${longContext.thresholdTokens}-token long-context threshold of ${input.model}; the surcharge is included.`,
      );
    }
    const price = priceForPrompt(found.price, longContext, promptTokens);
    cost.noCaching = costAtPrice(uncachedUsage, price, false);
    cost.withCaching = costAtPrice(cachedUsage, price, false);
    cost.batchApi = cost.noCaching * price.batchDiscount;
    cost.batchApiWithCaching = cost.withCaching * price.batchDiscount;
    if (batchRequested) {
      cost.chosen = cachingRequested ? cost.batchApiWithCaching : cost.batchApi;
      if (price.batchDiscount >= 1) {
        warnings.push(
          `No batch discount is known for ${input.model}; the batch figures equal the online price.`,
        );
      }
      if (cachingRequested && cacheable) {
        warnings.push(
          'Batch API requests can run more than 5 minutes apart, beyond the prompt-cache lifetime, so the cached batch figure is a best case.',
        );
      }
    } else {
      cost.chosen = cachingRequested ? cost.withCaching : cost.noCaching;
    }
    if (count > 0) {
      cost.perRecord = cost.chosen / count;
    }
  }

  const estimatedSeconds = batchRequested ? undefined : estimateSeconds(requests, input.throughput);
  if (batchRequested) {
    warnings.push('Batch API jobs finish within 24 hours; no duration is estimated.');
  }

  return {
    model: input.model,
    priced: found !== undefined,
    warnings,
    count,
    batches,
    requests,
    inputTokens: chosenUsage.inputTokens,
    outputTokens,
    cacheWriteTokens: chosenUsage.cacheWriteTokens,
    cacheReadTokens: chosenUsage.cacheReadTokens,
    cost,
    ...(estimatedSeconds === undefined ? {} : { estimatedSeconds }),
  };
}

function estimateSeconds(requests: number, throughput: RunEstimateInput['throughput']): number | undefined {
  if (throughput === undefined) return undefined;
  const limits: number[] = [];
  if (throughput.requestsPerMinute !== undefined) {
    limits.push((requests / throughput.requestsPerMinute) * 60);
  }
  if (throughput.latencyMs !== undefined) {
    const concurrency = Math.max(1, Math.floor(throughput.concurrency ?? 1));
    limits.push(Math.ceil(requests / concurrency) * (throughput.latencyMs / 1000));
  }
  return limits.length === 0 ? undefined : Math.max(...limits);
}

function validateInput(input: RunEstimateInput): void {
  if (typeof input.model !== 'string' || input.model.trim() === '') {
    throw new CostError('invalid_argument', 'model must be a non-empty model id.');
  }
  requireNonNegativeNumber(input.count, 'count');
  if (!Number.isInteger(input.count)) {
    throw new CostError('invalid_argument', `count must be a whole number of records, got ${input.count}.`);
  }
  requireNonNegativeNumber(input.batchSize, 'batchSize');
  if (input.batchSize < 1) {
    throw new CostError('invalid_argument', `batchSize must be at least 1, got ${input.batchSize}.`);
  }
  requireNonNegativeNumber(input.stablePromptTokens, 'stablePromptTokens');
  requireNonNegativeNumber(input.varyingPromptTokens, 'varyingPromptTokens');
  requireNonNegativeNumber(input.outputTokensPerRecord, 'outputTokensPerRecord');
  if (input.expectedYield !== undefined) {
    requireNonNegativeNumber(input.expectedYield, 'expectedYield');
    if (input.expectedYield <= 0 || input.expectedYield > 1) {
      throw new CostError('invalid_argument', `expectedYield must be in (0, 1], got ${input.expectedYield}.`);
    }
  }
  const throughput = input.throughput;
  if (throughput !== undefined) {
    for (const key of ['requestsPerMinute', 'concurrency', 'latencyMs'] as const) {
      const value = throughput[key];
      if (value === undefined) continue;
      requireNonNegativeNumber(value, `throughput.${key}`);
      if (value === 0 && key !== 'latencyMs') {
        throw new CostError('invalid_argument', `throughput.${key} must be greater than 0.`);
      }
    }
  }
}
