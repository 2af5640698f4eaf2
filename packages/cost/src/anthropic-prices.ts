import type { PricingEntry } from './model-price.js';
import { type PriceTier, pricingRows } from './pricing-rows.js';

const ANTHROPIC_PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing';
const ANTHROPIC_DEPRECATIONS = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';

/** Anthropic 1M-context beta on Sonnet 4 / 4.5: prompts over 200K tokens pay 2× input, 1.5× output. */
const CLAUDE_SONNET_4_LONG_CONTEXT = {
  thresholdTokens: 200_000,
  inputMultiplier: 2,
  outputMultiplier: 1.5,
  cacheMultiplier: 2,
} as const;

const claude = pricingRows('anthropic', 0.5);

/** Fable 5.2, and Mythos 5.2 priced like it. */
const FABLE_5_2_PRICE: PriceTier = { input: 8, output: 40, cacheWrite: 10, cacheRead: 0.2 };
/** Fable 5.1 and Mythos 5.1. */
const FABLE_5_1_PRICE: PriceTier = { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 };
/** Fable 5, which Mythos 5 shares. */
const FABLE_5_PRICE: PriceTier = { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 };
/** Opus 4.5 to Opus 5. */
const OPUS_4_5_PRICE: PriceTier = { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 };
/** Sonnet 3.7 to Sonnet 4.6. */
const SONNET_4_PRICE: PriceTier = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };
/** Opus 4 and Opus 4.1. */
const OPUS_4_PRICE: PriceTier = { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 };

/**
 * Claude models, current and legacy, known to `@anthropic-ai/sdk` 1.14 and 1.17. Cache writes are
 * the 5-minute rate (1.25 × input); Message Batches halve every category. Every model from Opus
 * 4.7 on counts tokens with the tokenizer introduced with Opus 4.7 (`tokenizer: 'claude-2026'`).
 */
export const ANTHROPIC_PRICES: readonly PricingEntry[] = [
  claude({
    id: 'claude-fable-5-2',
    family: 'claude-fable',
    ...FABLE_5_2_PRICE,
    tokenizer: 'claude-2026',
    source: `${ANTHROPIC_PRICING} (released 2026-11-09; list price as republished by resellers on 2026-11-10)`,
  }),
  claude({
    id: 'claude-mythos-5-2',
    family: 'claude-mythos',
    ...FABLE_5_2_PRICE,
    tokenizer: 'claude-2026',
    source: `${ANTHROPIC_PRICING} (invitation only; Anthropic prices each Mythos release like the Fable release it ships with — inferred from Mythos 5 and 5.1, not read for 5.2)`,
  }),
  claude({
    id: 'claude-opus-5-5',
    family: 'claude-opus',
    input: 4,
    output: 20,
    cacheWrite: 5,
    cacheRead: 0.2,
    tokenizer: 'claude-2026',
    source: 'https://platform.claude.com/docs/en/models/opus-5-5/overview',
  }),
  claude({
    id: 'claude-sonnet-5-5',
    family: 'claude-sonnet',
    input: 2,
    output: 10,
    cacheWrite: 2.5,
    cacheRead: 0.1,
    tokenizer: 'claude-2026',
    source: `${ANTHROPIC_PRICING} (cache reads cut from $0.20 to $0.10 on 2026-10-07)`,
  }),
  claude({
    id: 'claude-haiku-5-5',
    family: 'claude-haiku',
    input: 0.1,
    output: 0.5,
    cacheWrite: 0.125,
    cacheRead: 0.01,
    tokenizer: 'claude-2026',
    longContext: { thresholdTokens: 100_000, inputMultiplier: 5, outputMultiplier: 5, cacheMultiplier: 5 },
    source: 'https://platform.claude.com/docs/en/models/haiku-5-5/overview (prompts over 100K tokens pay 5×)',
  }),
  claude({
    id: 'claude-fable-5-1',
    family: 'claude-fable',
    ...FABLE_5_1_PRICE,
    tokenizer: 'claude-2026',
    source: ANTHROPIC_PRICING,
  }),
  claude({
    id: 'claude-mythos-5-1',
    family: 'claude-mythos',
    ...FABLE_5_1_PRICE,
    tokenizer: 'claude-2026',
    source: `${ANTHROPIC_PRICING} (limited availability)`,
  }),
  claude({
    id: 'claude-sonnet-5',
    family: 'claude-sonnet',
    input: 2,
    output: 10,
    cacheWrite: 2.5,
    cacheRead: 0.2,
    minCacheableTokens: 1024,
    tokenizer: 'claude-2026',
    source: 'https://platform.claude.com/docs/en/models/sonnet-5/overview',
  }),
  claude({
    id: 'claude-fable-5',
    family: 'claude-fable',
    ...FABLE_5_PRICE,
    minCacheableTokens: 512,
    tokenizer: 'claude-2026',
    source: 'https://platform.claude.com/docs/en/models/fable-5/overview',
  }),
  claude({
    id: 'claude-mythos-5',
    family: 'claude-mythos',
    ...FABLE_5_PRICE,
    minCacheableTokens: 512,
    tokenizer: 'claude-2026',
    source: 'https://platform.claude.com/docs/en/models/fable-5/overview (Mythos 5 shares Fable 5 pricing)',
  }),
  claude({
    id: 'claude-opus-5',
    family: 'claude-opus',
    ...OPUS_4_5_PRICE,
    minCacheableTokens: 512,
    tokenizer: 'claude-2026',
    source: 'https://platform.claude.com/docs/en/models/opus-5/overview',
  }),
  claude({
    id: 'claude-opus-4-8',
    family: 'claude-opus',
    ...OPUS_4_5_PRICE,
    minCacheableTokens: 1024,
    tokenizer: 'claude-2026',
    source: ANTHROPIC_PRICING,
  }),
  claude({
    id: 'claude-opus-4-7',
    family: 'claude-opus',
    ...OPUS_4_5_PRICE,
    minCacheableTokens: 2048,
    tokenizer: 'claude-2026',
    source: ANTHROPIC_PRICING,
  }),
  claude({
    id: 'claude-opus-4-6',
    family: 'claude-opus',
    ...OPUS_4_5_PRICE,
    minCacheableTokens: 4096,
    tokenizer: 'claude-legacy',
    source: ANTHROPIC_PRICING,
  }),
  claude({
    id: 'claude-sonnet-4-6',
    family: 'claude-sonnet',
    ...SONNET_4_PRICE,
    // Documented as 1024, observed as 2048 by users; the larger value keeps estimates conservative.
    minCacheableTokens: 2048,
    tokenizer: 'claude-legacy',
    source: 'https://platform.claude.com/docs/en/models/sonnet-4-6/overview',
  }),
  claude({
    id: 'claude-haiku-4-5',
    family: 'claude-haiku',
    input: 1,
    output: 5,
    cacheWrite: 1.25,
    cacheRead: 0.1,
    minCacheableTokens: 4096,
    tokenizer: 'claude-legacy',
    source: ANTHROPIC_PRICING,
  }),
  claude({
    id: 'claude-opus-4-5',
    family: 'claude-opus',
    ...OPUS_4_5_PRICE,
    deprecated: { retiresOn: '2027-01-22' },
    minCacheableTokens: 4096,
    tokenizer: 'claude-legacy',
    source: `${ANTHROPIC_PRICING}; retirement from the SDK's DEPRECATED_MODELS and ${ANTHROPIC_DEPRECATIONS}`,
  }),
  claude({
    id: 'claude-sonnet-4-5',
    family: 'claude-sonnet',
    ...SONNET_4_PRICE,
    deprecated: { retiresOn: '2026-11-30' },
    minCacheableTokens: 1024,
    tokenizer: 'claude-legacy',
    longContext: CLAUDE_SONNET_4_LONG_CONTEXT,
    source: `https://platform.claude.com/docs/en/models/sonnet-4-5/overview; retirement from the SDK's DEPRECATED_MODELS`,
  }),
  claude({
    id: 'claude-opus-4-1',
    family: 'claude-opus',
    ...OPUS_4_PRICE,
    deprecated: { retiresOn: '2026-08-05' },
    minCacheableTokens: 1024,
    tokenizer: 'claude-legacy',
    source: `${ANTHROPIC_PRICING} (retired on the Claude API; still served by Bedrock and Google Cloud); ${ANTHROPIC_DEPRECATIONS}`,
  }),
  claude({
    id: 'claude-opus-4',
    family: 'claude-opus',
    aliases: ['claude-opus-4-0'],
    ...OPUS_4_PRICE,
    deprecated: { retiresOn: '2026-06-15' },
    minCacheableTokens: 1024,
    tokenizer: 'claude-legacy',
    source: `${ANTHROPIC_PRICING} (retired on the Claude API; still served by Google Cloud); ${ANTHROPIC_DEPRECATIONS}`,
  }),
  claude({
    id: 'claude-sonnet-4',
    family: 'claude-sonnet',
    aliases: ['claude-sonnet-4-0'],
    ...SONNET_4_PRICE,
    deprecated: { retiresOn: '2026-06-15' },
    minCacheableTokens: 1024,
    tokenizer: 'claude-legacy',
    longContext: CLAUDE_SONNET_4_LONG_CONTEXT,
    source: `${ANTHROPIC_PRICING} (snapshot claude-sonnet-4-20250514); ${ANTHROPIC_DEPRECATIONS}`,
  }),
  claude({
    id: 'claude-3-7-sonnet',
    family: 'claude-sonnet',
    aliases: ['claude-3-7-sonnet-latest'],
    ...SONNET_4_PRICE,
    deprecated: { retiresOn: '2026-02-19' },
    minCacheableTokens: 1024,
    tokenizer: 'claude-legacy',
    source: `${ANTHROPIC_PRICING} (snapshot claude-3-7-sonnet-20250219); ${ANTHROPIC_DEPRECATIONS}`,
  }),
  claude({
    id: 'claude-3-5-haiku',
    family: 'claude-haiku',
    aliases: ['claude-3-5-haiku-latest'],
    input: 0.8,
    output: 4,
    cacheWrite: 1,
    cacheRead: 0.08,
    deprecated: { retiresOn: '2026-02-19' },
    minCacheableTokens: 2048,
    tokenizer: 'claude-legacy',
    source: `${ANTHROPIC_PRICING} (snapshot claude-3-5-haiku-20241022); ${ANTHROPIC_DEPRECATIONS}`,
  }),
];
