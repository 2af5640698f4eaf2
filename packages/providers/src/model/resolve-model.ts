import { createAnthropic } from '../anthropic/create-anthropic.js';
import { createOpenAI } from '../openai/create-openai.js';
import type { OpenAISettings } from '../openai/openai-settings.js';
import type { LanguageModel, ProviderName } from '../spec/language-model.js';
import type { ProviderSettings } from '../spec/provider-settings.js';
import { planModel } from './plan-model.js';

/** Settings of {@link resolveModel}. */
export interface ResolveModelSettings extends ProviderSettings {
  /** Force a provider family instead of inferring it from the model id. */
  provider?: ProviderName;
  /** Server dialect for OpenAI and compatible servers. */
  compat?: OpenAISettings['compat'];
}

/**
 * Picks an adapter from a model spec: `claude-…` → Anthropic; `gpt-…`, `o1…`, `o3…`, `o4…`,
 * `chatgpt-…` → OpenAI; explicit prefixes `anthropic:`, `openai:`, `ollama:`, `vllm:`,
 * `llamacpp:`, `deepseek:`, `dashscope:`, `openai-compatible:` (the last needs a baseURL). `settings.provider`
 * overrides inference from the id; any other id with a baseURL is a generic OpenAI-compatible
 * model. Throws a `ProviderError` (invalid_request) for anything else. Reads no key: that happens
 * at the first request.
 */
export function resolveModel(spec: string, settings: ResolveModelSettings = {}): LanguageModel {
  const { provider: _provider, compat: _compat, ...common } = settings;
  const plan = planModel(spec, settings);
  if (plan.adapter === 'anthropic') return createAnthropic(common)(plan.modelId);
  return createOpenAI({ ...common, compat: plan.compat })(plan.modelId);
}

/**
 * The provider family `resolveModel` would pick for a spec, without creating a model or reading
 * any key (for up-front checks such as "is a key needed?"). Throws like `resolveModel`.
 */
export function inferProvider(
  spec: string,
  settings: Pick<ResolveModelSettings, 'provider' | 'compat' | 'baseURL'> = {},
): ProviderName {
  return planModel(spec, settings).provider;
}
