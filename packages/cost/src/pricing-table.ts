import { ANTHROPIC_PRICES } from './anthropic-prices.js';
import { DEEPSEEK_PRICES } from './deepseek-prices.js';
import type { PricingEntry } from './model-price.js';
import { OPENAI_PRICES } from './openai-prices.js';
import { QWEN_PRICES } from './qwen-prices.js';

/** The date every figure in {@link PRICING_TABLE} was last checked against its source. */
export const PRICING_TABLE_CHECKED_ON = '2026-12-06';

/**
 * Prices in USD per million tokens, as data, one file per provider. Each row carries its
 * `source`. Model ids the SDKs list but the table deliberately leaves unpriced are in
 * `unpriced-models.ts`, each with its reason.
 */
export const PRICING_TABLE: readonly PricingEntry[] = [
  ...ANTHROPIC_PRICES,
  ...OPENAI_PRICES,
  ...DEEPSEEK_PRICES,
  ...QWEN_PRICES,
];
