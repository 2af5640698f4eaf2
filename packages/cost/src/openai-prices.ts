import type { PricingEntry } from './model-price.js';
import { type PriceTier, pricingRows } from './pricing-rows.js';

const OPENAI_PRICING = 'https://developers.openai.com/api/docs/pricing';
const OPENAI_DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';

function modelPage(id: string): string {
  return `https://developers.openai.com/api/docs/models/${id}`;
}

/**
 * GPT-5.4 and later: a request with more than 272K input tokens pays 2× input and cache (reads
 * and writes) and 1.5× output for the whole request (every GPT-5.4+ and GPT-6 model page).
 */
const OPENAI_LONG_CONTEXT = {
  thresholdTokens: 272_000,
  inputMultiplier: 2,
  outputMultiplier: 1.5,
  cacheMultiplier: 2,
} as const;

/** GPT-6.1 Sol and GPT-6.2 Sol. */
const GPT_6_SOL_PRICE: PriceTier = { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 };
/** GPT-5 and GPT-5.1. */
const GPT_5_PRICE: PriceTier = { input: 1.25, output: 10, cacheWrite: 1.25, cacheRead: 0.125 };
/** GPT-4.1 and o3. */
const GPT_4_1_PRICE: PriceTier = { input: 2, output: 8, cacheWrite: 2, cacheRead: 0.5 };

/** Retired on OpenAI's API on 2026-10-23 (OpenAI deprecations page, as read on 2026-10-15). */
const SHUT_DOWN_2026_10_23 = { retiresOn: '2026-10-23' } as const;
/** GPT-5 (+ mini, nano) and o3 retire on 2026-12-11 (OpenAI deprecations page, read 2026-12-06). */
const SHUT_DOWN_2026_12_11 = { retiresOn: '2026-12-11' } as const;
/** GPT-4o (+ mini) and GPT-4.1 (+ mini) retire on 2027-01-14 (OpenAI deprecations page, notice of 2026-10-14). */
const SHUT_DOWN_2027_01_14 = { retiresOn: '2027-01-14' } as const;

const gpt = pricingRows('openai', 0.5);

/**
 * OpenAI: caching is automatic; cached input is billed at `cacheRead`. GPT-5.6 and every GPT-6
 * model bill cache writes at 1.25 × input (the 30-minute retention price; a 12-hour cache write
 * costs twice that); older models charge no write premium, so their `cacheWrite` is plain input.
 * Batch (and Flex) cost 50% of Standard on every row. Standard tier only: Fast mode (2×) and
 * Ultrafast (3–6×) are not modelled — set an override if you use them.
 *
 * Sampling (the table has no field for it; recorded for the capability owner): GPT-6 Luna,
 * GPT-6 Sol and GPT-6.1 Terra accept `temperature`/`top_p` only with `reasoning_effort: "none"`
 * (their model pages list `none`; LiteLLM's launch note: "temperature only applies with
 * reasoning_effort=none"). GPT-6.1 Sol, GPT-6.2 Sol and GPT-6.2 Astra list efforts from `low`
 * and reject `none` (model pages, read 2026-12-06), and GPT-6 Astra does too (third-party model
 * cards), so those take no sampling settings at all.
 */
export const OPENAI_PRICES: readonly PricingEntry[] = [
  // ── GPT-6 (Astra > Sol > Terra > Luna) ──
  gpt({
    id: 'gpt-6.2-astra',
    family: 'gpt-6',
    input: 8,
    output: 40,
    cacheWrite: 10,
    cacheRead: 0.4,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `https://developers.openai.com/api/docs/models ($8 / $40, read 2026-12-06; released 2026-11-17). Cached input $0.40 as reported by LiteLLM discussion #52347 and AgentCompass 0.6.8 (third parties, 2026-11-18); cache write assumed at the 1.25 × input rule every other GPT-6 model page states`,
  }),
  gpt({
    id: 'gpt-6.2-sol',
    family: 'gpt-6',
    ...GPT_6_SOL_PRICE,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6.2-sol')} (read 2026-12-06; released 2026-11-17)`,
  }),
  gpt({
    id: 'gpt-6.1-sol',
    family: 'gpt-6',
    ...GPT_6_SOL_PRICE,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6.1-sol')} (read 2026-12-06; released 2026-09-29)`,
  }),
  gpt({
    id: 'gpt-6.1-terra',
    family: 'gpt-6',
    input: 1,
    output: 5,
    cacheWrite: 1.25,
    cacheRead: 0.05,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6.1-terra')} (read 2026-12-06; released 2026-10-26)`,
  }),
  gpt({
    id: 'gpt-6-astra',
    family: 'gpt-6',
    input: 10,
    output: 50,
    cacheWrite: 12.5,
    cacheRead: 1,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6-astra')} as quoted by LiteLLM's launch note (discussion #39633) and codex-usage 2.3.6, 2026-09-05 (the OpenAI page itself was not read); released 2026-09-03`,
  }),
  gpt({
    id: 'gpt-6-sol',
    family: 'gpt-6',
    input: 2,
    output: 10,
    cacheWrite: 2.5,
    cacheRead: 0.2,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6-sol')} (read 2026-12-06; released 2026-09-22)`,
  }),
  gpt({
    id: 'gpt-6-luna',
    family: 'gpt-6',
    input: 0.1,
    output: 0.5,
    cacheWrite: 0.125,
    cacheRead: 0.01,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-6-luna')} (read 2026-12-06; released 2026-09-22; OpenAI's pick "for cost-sensitive, high-volume workloads" on https://developers.openai.com/api/docs/models)`,
  }),

  // ── GPT-5.6 (Sol > Terra > Luna) ──
  gpt({
    id: 'gpt-5.6-sol',
    family: 'gpt-5',
    aliases: ['gpt-5.6'],
    input: 5,
    output: 30,
    cacheWrite: 6.25,
    cacheRead: 0.5,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-5.6-sol')} list price. A promotional $4 / $0.40 / $20 ran from 2026-08-21 (the model page said "at least until 2026-11-21"; the GPT-6 launch notes of 2026-09-22 quote it as "GPT-5.6's current $4 / $20"); it ended on 2026-11-30 and the list price applies again from 2026-12-01 (reseller LaoZhang's notice of 2026-11-30, third party)`,
  }),
  gpt({
    id: 'gpt-5.6-terra',
    family: 'gpt-5',
    input: 2,
    output: 12,
    cacheWrite: 2.5,
    cacheRead: 0.2,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${OPENAI_PRICING} (permanent price cut of 2026-07-30 from $2.50 / $15; GPT-5.6 Luna page's comparison, read 2026-12-06)`,
  }),
  gpt({
    id: 'gpt-5.6-luna',
    family: 'gpt-5',
    input: 0.2,
    output: 1.2,
    cacheWrite: 0.25,
    cacheRead: 0.02,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: `${modelPage('gpt-5.6-luna')} (permanent price cut of 2026-07-30 from $1 / $6; read 2026-12-06)`,
  }),

  // ── GPT-5.5 and older ──
  gpt({
    id: 'gpt-5.5',
    family: 'gpt-5',
    input: 5,
    output: 30,
    cacheWrite: 5,
    cacheRead: 0.5,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: OPENAI_PRICING,
  }),
  gpt({
    id: 'gpt-5.4',
    family: 'gpt-5',
    input: 2.5,
    output: 15,
    cacheWrite: 2.5,
    cacheRead: 0.25,
    minCacheableTokens: 1024,
    longContext: OPENAI_LONG_CONTEXT,
    source: OPENAI_PRICING,
  }),
  gpt({
    id: 'gpt-5.4-mini',
    family: 'gpt-5',
    input: 0.75,
    output: 4.5,
    cacheWrite: 0.75,
    cacheRead: 0.075,
    minCacheableTokens: 1024,
    source: OPENAI_PRICING,
  }),
  gpt({
    id: 'gpt-5.4-nano',
    family: 'gpt-5',
    input: 0.2,
    output: 1.25,
    cacheWrite: 0.2,
    cacheRead: 0.02,
    minCacheableTokens: 1024,
    source: OPENAI_PRICING,
  }),
  gpt({
    id: 'gpt-5.2-pro',
    family: 'gpt-5',
    input: 21,
    output: 168,
    // Pro models have no cached-input price: cached tokens cost full input.
    cacheWrite: 21,
    cacheRead: 21,
    source: `${OPENAI_PRICING} ($21 / $168 as republished by third-party price tables; OpenAI's page was not read for it). Still listed as active in the openai SDK's model list`,
  }),
  gpt({
    id: 'gpt-5.2',
    family: 'gpt-5',
    input: 1.75,
    output: 14,
    cacheWrite: 1.75,
    cacheRead: 0.175,
    minCacheableTokens: 1024,
    source: OPENAI_PRICING,
  }),
  gpt({
    id: 'gpt-5.1',
    family: 'gpt-5',
    ...GPT_5_PRICE,
    deprecated: { retiresOn: '2027-04-01' },
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; retirement from ${OPENAI_DEPRECATIONS} as quoted on 2026-10-28 by dev.to "OpenAI API deprecations 2026–2027" (third party)`,
  }),
  gpt({
    id: 'gpt-5',
    family: 'gpt-5',
    ...GPT_5_PRICE,
    deprecated: SHUT_DOWN_2026_12_11,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS} (replacement: gpt-6.1-sol)`,
  }),
  gpt({
    id: 'gpt-5-mini',
    family: 'gpt-5',
    input: 0.25,
    output: 2,
    cacheWrite: 0.25,
    cacheRead: 0.025,
    deprecated: SHUT_DOWN_2026_12_11,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS} (replacement: gpt-6.1-terra)`,
  }),
  gpt({
    id: 'gpt-5-nano',
    family: 'gpt-5',
    input: 0.05,
    output: 0.4,
    cacheWrite: 0.05,
    cacheRead: 0.005,
    deprecated: SHUT_DOWN_2026_12_11,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS}`,
  }),
  gpt({
    id: 'gpt-4.1',
    family: 'gpt-4.1',
    ...GPT_4_1_PRICE,
    deprecated: SHUT_DOWN_2027_01_14,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS} (replacement: gpt-6-luna)`,
  }),
  gpt({
    id: 'gpt-4.1-mini',
    family: 'gpt-4.1',
    input: 0.4,
    output: 1.6,
    cacheWrite: 0.4,
    cacheRead: 0.1,
    deprecated: SHUT_DOWN_2027_01_14,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS} (replacement: gpt-6-luna)`,
  }),
  gpt({
    id: 'gpt-4.1-nano',
    family: 'gpt-4.1',
    input: 0.1,
    output: 0.4,
    cacheWrite: 0.1,
    cacheRead: 0.025,
    deprecated: SHUT_DOWN_2026_10_23,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS}`,
  }),
  gpt({
    id: 'gpt-4o',
    family: 'gpt-4o',
    input: 2.5,
    output: 10,
    cacheWrite: 2.5,
    cacheRead: 1.25,
    deprecated: SHUT_DOWN_2027_01_14,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING} (snapshots 2024-08-06 and 2024-11-20); ${OPENAI_DEPRECATIONS} (replacement: gpt-6-luna)`,
  }),
  gpt({
    // The first GPT-4o snapshot kept its launch price; it must not inherit gpt-4o's.
    id: 'gpt-4o-2024-05-13',
    family: 'gpt-4o',
    input: 5,
    output: 15,
    cacheWrite: 5,
    cacheRead: 5,
    deprecated: SHUT_DOWN_2026_10_23,
    source: `${OPENAI_PRICING} (legacy section: $5 / $15, no cached-input price, as republished by openai_responses 0.4.1 from the page of 2025-06-03); ${OPENAI_DEPRECATIONS}`,
  }),
  gpt({
    id: 'gpt-4o-mini',
    family: 'gpt-4o',
    input: 0.15,
    output: 0.6,
    cacheWrite: 0.15,
    cacheRead: 0.075,
    deprecated: SHUT_DOWN_2027_01_14,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS} (replacement: gpt-6-luna)`,
  }),
  gpt({
    id: 'o3',
    family: 'o-series',
    ...GPT_4_1_PRICE,
    deprecated: SHUT_DOWN_2026_12_11,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS}`,
  }),
  gpt({
    id: 'o4-mini',
    family: 'o-series',
    input: 1.1,
    output: 4.4,
    cacheWrite: 1.1,
    cacheRead: 0.275,
    deprecated: SHUT_DOWN_2026_10_23,
    minCacheableTokens: 1024,
    source: `${OPENAI_PRICING}; ${OPENAI_DEPRECATIONS}`,
  }),
];
