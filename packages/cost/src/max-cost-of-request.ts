import { priceForPrompt } from './long-context-price.js';
import { lookupPrice } from './lookup-price.js';
import { requireNonNegativeNumber } from './non-negative-number.js';
import type { PriceOverrides } from './price-overrides.js';

/**
 * The most one request can cost, in USD, for a {@link Budget} reservation: every input token at
 * the dearest input rate (a cache write costs more than plain input on Anthropic, so no cache
 * discount is assumed and any write premium is), the full `maxOutputTokens`, and any
 * long-prompt surcharge the prompt size triggers. Undefined when the model has no price.
 */
export function maxCostOfRequest(input: {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  overrides?: PriceOverrides;
  batch?: boolean;
}): number | undefined {
  requireNonNegativeNumber(input.inputTokens, 'inputTokens');
  requireNonNegativeNumber(input.maxOutputTokens, 'maxOutputTokens');
  const found = lookupPrice(
    input.model,
    input.overrides === undefined ? undefined : { overrides: input.overrides },
  );
  if (found === undefined) return undefined;
  const price = priceForPrompt(found.price, found.entry?.longContext, input.inputTokens);
  const inputRate = Math.max(price.input, price.cacheWrite, price.cacheRead);
  const cost = (input.inputTokens * inputRate + input.maxOutputTokens * price.output) / 1_000_000;
  return input.batch === true ? cost * price.batchDiscount : cost;
}
