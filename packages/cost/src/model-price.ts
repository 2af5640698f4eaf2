/**
 * Prices of one model in US dollars per million tokens.
 *
 * `batchDiscount` is the multiplier applied to the whole bill of a request sent through the
 * provider's batch API (0.5 for Anthropic Message Batches and OpenAI Batch; 1 when the provider
 * has no discounted batch lane).
 */
export interface ModelPrice {
  /** Uncached input tokens. */
  input: number;
  /** Output tokens (reasoning/thinking tokens included, as every provider bills them). */
  output: number;
  /** Input tokens written to the prompt cache (Anthropic 5-minute write: 1.25 × input). */
  cacheWrite: number;
  /** Input tokens read from the prompt cache (Anthropic: 0.1 × input or less; OpenAI: cached input price). */
  cacheRead: number;
  /** Multiplier for batch-API requests, e.g. 0.5. */
  batchDiscount: number;
}

/**
 * Token counts of one request (or a sum of requests), in the providers' billing categories.
 *
 * `inputTokens` counts only uncached input: it excludes `cacheReadTokens` and `cacheWriteTokens`
 * (Anthropic's convention). OpenAI reports `prompt_tokens` including cached tokens, so an adapter
 * must subtract `cached_tokens` before handing usage to this package.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Who serves a model; decides how prompt caching behaves in estimates. */
export type PricingProvider = 'anthropic' | 'openai' | 'deepseek' | 'dashscope';

/**
 * Surcharge for very long prompts: a request whose prompt (input + cache reads + cache writes)
 * exceeds `thresholdTokens` pays the multiplied rates on every token of that request.
 */
export interface LongContextPricing {
  readonly thresholdTokens: number;
  readonly inputMultiplier: number;
  readonly outputMultiplier: number;
  readonly cacheMultiplier: number;
}

/** One row of the pricing table. */
export interface PricingEntry extends Readonly<ModelPrice> {
  /** Canonical model id, without provider prefix or date suffix. */
  readonly id: string;
  readonly provider: PricingProvider;
  /** Model line, e.g. `claude-sonnet`, `gpt-5`, `deepseek`. */
  readonly family: string;
  /** Other ids the provider accepts for exactly this model (matched as `exact`). */
  readonly aliases?: readonly string[];
  /** Set when the provider has announced (or passed) a retirement date. */
  readonly deprecated?: { readonly retiresOn: string };
  /** Smallest prefix the provider will cache; requests below it pay full input price. */
  readonly minCacheableTokens?: number;
  /** Which tokenizer counts this model's tokens (only Claude models differ from o200k). */
  readonly tokenizer?: 'claude-legacy' | 'claude-2026';
  /** Long-prompt surcharge, when the provider has one. */
  readonly longContext?: LongContextPricing;
  /** Where the figures were read, and anything a reader should know about them. */
  readonly source: string;
}
