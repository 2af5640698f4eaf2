import { priceForPrompt } from './long-context-price.js';
import { lookupPrice } from './lookup-price.js';
import type { ModelPrice, TokenUsage } from './model-price.js';
import { requireNonNegativeNumber } from './non-negative-number.js';
import type { PriceOverrides } from './price-overrides.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost in USD of the usage of one request: each token category at its price, times the
 * batch discount when `batch` is set. With a model id, the price comes from
 * {@link lookupPrice} and a long-prompt surcharge (e.g. Claude Haiku 5.5 over 100K tokens)
 * applies when this usage's prompt crosses the threshold — so price requests one at a time,
 * not summed usage. With a `ModelPrice`, the price is used as given.
 *
 * Returns `undefined` when the model has no known price.
 */
export function costOf(
  usage: TokenUsage,
  model: string | ModelPrice,
  options?: { batch?: boolean; overrides?: PriceOverrides },
): number | undefined {
  validateUsage(usage);
  let price: ModelPrice;
  if (typeof model === 'string') {
    const found = lookupPrice(
      model,
      options?.overrides === undefined ? undefined : { overrides: options.overrides },
    );
    if (found === undefined) return undefined;
    const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    price = priceForPrompt(found.price, found.entry?.longContext, promptTokens);
  } else {
    price = model;
  }
  return costAtPrice(usage, price, options?.batch === true);
}

/** Usage × price, without any lookup. */
export function costAtPrice(usage: TokenUsage, price: ModelPrice, batch: boolean): number {
  const cost =
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheWriteTokens * price.cacheWrite +
      usage.cacheReadTokens * price.cacheRead) /
    TOKENS_PER_PRICE_UNIT;
  return batch ? cost * price.batchDiscount : cost;
}

/** Throws a `CostError` unless every count is a finite number ≥ 0. */
export function validateUsage(usage: TokenUsage): void {
  requireNonNegativeNumber(usage.inputTokens, 'usage.inputTokens');
  requireNonNegativeNumber(usage.outputTokens, 'usage.outputTokens');
  requireNonNegativeNumber(usage.cacheReadTokens, 'usage.cacheReadTokens');
  requireNonNegativeNumber(usage.cacheWriteTokens, 'usage.cacheWriteTokens');
}
