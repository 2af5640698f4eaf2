import type { PricingEntry } from './model-price.js';
import { type PriceTier, pricingRows } from './pricing-rows.js';

const DEEPSEEK_PRICING = 'https://api-docs.deepseek.com/quick_start/pricing';

const deepseek = pricingRows('deepseek', 1);

/** deepseek-chat and deepseek-reasoner (the same model, two modes). */
const DEEPSEEK_V3_2_PRICE: PriceTier = { input: 0.14, output: 0.28, cacheWrite: 0.14, cacheRead: 0.028 };

/**
 * DeepSeek: automatic disk cache (no write premium), no discounted batch API. DeepSeek lists peak
 * and off-peak prices; the table holds the peak (higher) price so estimates and budget
 * reservations stay upper bounds.
 */
export const DEEPSEEK_PRICES: readonly PricingEntry[] = [
  deepseek({
    id: 'deepseek-flash',
    family: 'deepseek',
    aliases: ['deepseek-v4-flash'],
    input: 0.3,
    output: 1.2,
    cacheWrite: 0.3,
    cacheRead: 0.006,
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (DeepSeek-V4.1-Flash; peak-hour price, off-peak is half; deepseek-v4-flash is served and billed as deepseek-flash)`,
  }),
  deepseek({
    id: 'deepseek-v4-pro',
    family: 'deepseek',
    input: 1.32,
    output: 3.96,
    cacheWrite: 1.32,
    cacheRead: 0.044,
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (peak-hour price, off-peak is half)`,
  }),
  deepseek({
    id: 'deepseek-chat',
    family: 'deepseek',
    ...DEEPSEEK_V3_2_PRICE,
    deprecated: { retiresOn: '2026-07-24' },
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (legacy name; resolved to DeepSeek-V4-Flash at its launch price until it was retired on 2026-07-24 — use deepseek-flash)`,
  }),
  deepseek({
    id: 'deepseek-reasoner',
    family: 'deepseek',
    ...DEEPSEEK_V3_2_PRICE,
    deprecated: { retiresOn: '2026-07-24' },
    minCacheableTokens: 64,
    source: `${DEEPSEEK_PRICING} (legacy name; resolved to DeepSeek-V4-Flash in thinking mode until it was retired on 2026-07-24 — use deepseek-flash)`,
  }),
];
