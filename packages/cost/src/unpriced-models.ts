import { bareModelId, undatedModelId } from './model-id.js';
import type { PricingProvider } from './model-price.js';

/** A model id an SDK lists that the pricing table deliberately leaves unpriced, and why. */
export interface UnpricedModel {
  /** The id; an entry also covers the id's dated snapshots (`-YYYY-MM-DD`, `-YYYYMMDD`). */
  readonly id: string;
  readonly provider: PricingProvider;
  /** Why there is no price: what the model is and why DataSynth does not need one. */
  readonly reason: string;
}

const OPENAI_DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const OPENAI_SHARED_MODELS = 'https://developers.openai.com/api/reference/resources/$shared';

const AUDIO =
  'audio model: bills audio tokens at rates the table does not model, and DataSynth sends and reads text only';
const SEARCH =
  'web-search preview: adds a per-call search fee the table cannot express; shut down with the legacy batch announced on ' +
  OPENAI_DEPRECATIONS;
const SHUT_DOWN_2026_10_23 = `shut down on OpenAI's API on 2026-10-23 (${OPENAI_DEPRECATIONS}); requests fail, so no price is kept`;
const SHUT_DOWN_EARLIER = `shut down on OpenAI's API (${OPENAI_DEPRECATIONS}; offline by 2026-11-23 per reseller APIYI's list of retired OpenAI ids); the SDK still lists it, requests fail`;

/**
 * Every id in the installed SDKs' model lists (`@anthropic-ai/sdk` `Model`, `openai` `ChatModel`,
 * union of the versions the lockfile has used: 1.14/1.17 and 6.49/7.60) is either priced in the
 * table or listed here with its reason. `lookup-price.test.ts` fails when an SDK bump adds an id
 * that is neither. Checked 2026-12-06.
 */
export const UNPRICED_MODELS: readonly UnpricedModel[] = [
  {
    id: 'claude-mythos-preview',
    provider: 'anthropic',
    reason: 'invitation-only preview retired on 2026-06-30 without a published price (SDK DEPRECATED_MODELS)',
  },
  // ── OpenAI: audio and search models DataSynth cannot use for text generation ──
  { id: 'gpt-audio-mini', provider: 'openai', reason: AUDIO },
  { id: 'gpt-4o-audio-preview', provider: 'openai', reason: AUDIO },
  { id: 'gpt-4o-mini-audio-preview', provider: 'openai', reason: AUDIO },
  { id: 'gpt-4o-search-preview', provider: 'openai', reason: SEARCH },
  { id: 'gpt-4o-mini-search-preview', provider: 'openai', reason: SEARCH },
  // ── OpenAI: ids the SDK still lists that no longer answer ──
  {
    id: 'gpt-5.3-chat-latest',
    provider: 'openai',
    reason: `ChatGPT chat snapshot shut down on 2026-08-10 (${OPENAI_SHARED_MODELS}); there is no gpt-5.3 base model to price it as`,
  },
  {
    id: 'gpt-5.1-codex',
    provider: 'openai',
    reason: `Codex variant shut down on 2026-07-23 (${OPENAI_SHARED_MODELS})`,
  },
  {
    id: 'gpt-5.1-mini',
    provider: 'openai',
    reason: `"not a supported model ID" according to OpenAI's own API reference (${OPENAI_SHARED_MODELS}); never priced`,
  },
  {
    id: 'chatgpt-4o-latest',
    provider: 'openai',
    reason: `ChatGPT snapshot shut down on 2026-02-17 (${OPENAI_DEPRECATIONS}, as relayed by CometAPI's notice of 2026-02-05)`,
  },
  {
    id: 'codex-mini-latest',
    provider: 'openai',
    reason: `Codex-only model, shut down (${OPENAI_DEPRECATIONS}; offline by 2026-11-23 per reseller APIYI); not a general text model`,
  },
  { id: 'o1', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'o3-mini', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-4', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-4-0613', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-4-1106-preview', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-4-turbo', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-3.5-turbo', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'gpt-3.5-turbo-0125', provider: 'openai', reason: SHUT_DOWN_2026_10_23 },
  { id: 'o1-preview', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'o1-mini', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-turbo-preview', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-0125-preview', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-vision-preview', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-0314', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-32k', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-32k-0314', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-4-32k-0613', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-3.5-turbo-16k', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-3.5-turbo-0301', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-3.5-turbo-0613', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-3.5-turbo-1106', provider: 'openai', reason: SHUT_DOWN_EARLIER },
  { id: 'gpt-3.5-turbo-16k-0613', provider: 'openai', reason: SHUT_DOWN_EARLIER },
];

/** The ids the table deliberately leaves unpriced, each with its reason. */
export function listUnpricedModels(): readonly UnpricedModel[] {
  return UNPRICED_MODELS;
}

/**
 * Why a model has no built-in price, when it is one the table leaves unpriced on purpose
 * (provider prefixes, letter case and snapshot dates are ignored); `undefined` otherwise.
 */
export function findUnpricedModel(modelId: string): UnpricedModel | undefined {
  const bare = bareModelId(modelId);
  const undated = undatedModelId(bare);
  return UNPRICED_MODELS.find((entry) => entry.id === bare || entry.id === undated);
}
