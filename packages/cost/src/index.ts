export { Budget, type Reservation } from './budget.js';
export { CostError, type CostErrorCode } from './cost-error.js';
export { CostMeter, type ModelCostTotals } from './cost-meter.js';
export { costOf } from './cost-of.js';
export {
  CLAUDE_2026_TOKENIZER_FACTOR,
  CLAUDE_CJK_TOKEN_FACTOR,
  CLAUDE_LATIN_TOKEN_FACTOR,
  countTokens,
} from './count-tokens.js';
export { type DefaultModelProvider, defaultModelFor } from './default-model.js';
export {
  DEFAULT_EXPECTED_YIELD,
  DEFAULT_MIN_CACHEABLE_TOKENS,
  estimateRun,
  type RunEstimate,
  type RunEstimateInput,
} from './estimate-run.js';
export { formatUsd } from './format-usd.js';
export { listPrices, lookupPrice, type PriceLookup } from './lookup-price.js';
export { maxCostOfRequest } from './max-cost-of-request.js';
export type {
  LongContextPricing,
  ModelPrice,
  PricingEntry,
  PricingProvider,
  TokenUsage,
} from './model-price.js';
export { holdTokenizer } from './o200k-encoding.js';
export { type PriceOverride, type PriceOverrides, validatePriceOverrides } from './price-overrides.js';
export { PRICING_TABLE_CHECKED_ON } from './pricing-table.js';
export { findUnpricedModel, listUnpricedModels, type UnpricedModel } from './unpriced-models.js';
