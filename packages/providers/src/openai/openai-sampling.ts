import type { SamplingCapability } from '../spec/language-model.js';

/**
 * Which of OpenAI's own models take `temperature` / `top_p` on Chat Completions.
 *
 * - GPT-6 (Astra, Sol, Terra, Luna): "When reasoning effort is not none, remove temperature, top_p,
 *   and top_logprobs" — and no GPT-6 model defaults to `none` (Astra and 6.1/6.2 Sol do not take it
 *   at all). https://developers.openai.com/api/docs/guides/deployment-checklist, read 2026-12-06.
 * - GPT-5.x and the o-series are reasoning models: sampling settings other than the default are
 *   refused ("Unsupported value: 'temperature' … Only the default (1) value is supported").
 *   https://developers.openai.com/api/docs/guides/reasoning, read 2026-12-06.
 * - `*-chat-latest` aliases and GPT-4.x / GPT-4o are chat models and take both.
 *
 * DataSynth never sends `reasoning_effort`, so a reasoning model always runs at its default effort
 * and never takes sampling settings here.
 */
export function openAISampling(modelId: string): SamplingCapability {
  const reasoning = /^(?:o\d|gpt-(?:[5-9]|\d{2,}))/.test(modelId) && !/-chat(?:-|$)/.test(modelId);
  return reasoning ? { temperature: false, topP: false } : { temperature: true, topP: true };
}
