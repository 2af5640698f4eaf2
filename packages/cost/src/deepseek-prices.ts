import type { PricingEntry } from './model-price.js';

const DEEPSEEK_PRICING = 'https://api-docs.deepseek.com/quick_start/pricing';

/**
 * DeepSeek: automatic disk cache (no write premium), no discounted batch API. DeepSeek lists peak
 * and off-peak prices; the table holds the peak (higher) price so estimates and budget
 * reservations stay upper bounds.
 */
export const DEEPSEEK_PRICES: readonly PricingEntry[] = [
  {
    id: 'deepseek-flash',
    provider: 'deepseek',
    family: 'deepseek',
    aliases: ['deepseek-v4-flash'],
    input: 0.3,
    output: 1.2,
    cacheWrite: 0.3,
    cacheRead: 0.006,
    batchDiscount: 1,
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (DeepSeek-V4.1-Flash; peak-hour price, off-peak is half; deepseek-v4-flash is served and billed as deepseek-flash)`,
  },
  {
    id: 'deepseek-v4-pro',
    provider: 'deepseek',
    family: 'deepseek',
    input: 1.32,
    output: 3.96,
    cacheWrite: 1.32,
    cacheRead: 0.044,
    batchDiscount: 1,
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (peak-hour price, off-peak is half)`,
  },
  {
    id: 'deepseek-chat',
    provider: 'deepseek',
    family: 'deepseek',
    input: 0.14,
    output: 0.28,
    cacheWrite: 0.14,
    cacheRead: 0.028,
    batchDiscount: 1,
    deprecated: { retiresOn: '2026-07-24' },
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (legacy name; resolved to DeepSeek-V4-Flash at its launch price until it was retired on 2026-07-24 — use deepseek-flash)`,
  },
  {
    id: 'deepseek-reasoner',
    provider: 'deepseek',
    family: 'deepseek',
    input: 0.14,
    output: 0.28,
    cacheWrite: 0.14,
    cacheRead: 0.028,
    batchDiscount: 1,
    deprecated: { retiresOn: '2026-07-24' },
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (legacy name; resolved to DeepSeek-V4-Flash in thinking mode until it was retired on 2026-07-24 — use deepseek-flash)`,
  },
];
