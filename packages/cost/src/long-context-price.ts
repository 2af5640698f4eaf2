import type { LongContextPricing, ModelPrice } from './model-price.js';

/** The price that applies to one request whose prompt has `promptTokens` tokens. */
export function priceForPrompt(
  price: ModelPrice,
  longContext: LongContextPricing | undefined,
  promptTokens: number,
): ModelPrice {
  if (longContext === undefined || promptTokens <= longContext.thresholdTokens) {
    return price;
  }
  return {
    input: price.input * longContext.inputMultiplier,
    output: price.output * longContext.outputMultiplier,
    cacheWrite: price.cacheWrite * longContext.cacheMultiplier,
    cacheRead: price.cacheRead * longContext.cacheMultiplier,
    batchDiscount: price.batchDiscount,
  };
}
