import type { OpenAICompat, OpenAISettings } from '../openai/openai-settings.js';
import type { ProviderName } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';

/** Settings that decide which adapter a model spec goes to. */
export interface ModelRoutingSettings {
  /** Force a provider family instead of inferring it from the model id. */
  provider?: ProviderName;
  /** Server dialect for OpenAI and compatible servers. */
  compat?: OpenAISettings['compat'];
  /** Base URL; lets unknown ids and `openai-compatible:` specs through. */
  baseURL?: string;
}

/** Which adapter serves a model spec, and with what id and dialect. */
export type ModelPlan =
  | { adapter: 'anthropic'; provider: 'anthropic'; modelId: string }
  | { adapter: 'openai'; provider: ProviderName; modelId: string; compat: OpenAICompat };

const prefixes = [
  'anthropic',
  'openai',
  'ollama',
  'vllm',
  'llamacpp',
  'deepseek',
  'dashscope',
  'openai-compatible',
] as const;

function invalid(message: string): ProviderError {
  return new ProviderError({ kind: 'invalid_request', message });
}

function openAIPlan(modelId: string, compat: OpenAICompat): ModelPlan {
  return {
    adapter: 'openai',
    provider: compat === 'openai' ? 'openai' : 'openai-compatible',
    modelId,
    compat,
  };
}

function compatiblePlan(modelId: string, settings: ModelRoutingSettings): ModelPlan {
  if (!settings.baseURL) {
    throw invalid(
      `'openai-compatible:${modelId}' needs the server's base URL: pass --base-url (baseURL), e.g. --base-url http://127.0.0.1:8000/v1.`,
    );
  }
  return openAIPlan(modelId, settings.compat ?? 'generic');
}

/**
 * Decides the adapter for a model spec (see `resolveModel` for the rules) without creating
 * anything. Throws a `ProviderError` of kind `invalid_request` for specs it cannot place.
 */
export function planModel(spec: string, settings: ModelRoutingSettings = {}): ModelPlan {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  const candidate = colon > 0 ? trimmed.slice(0, colon).toLowerCase() : '';
  const prefix = prefixes.find((known) => known === candidate);
  const modelId = prefix ? trimmed.slice(colon + 1) : trimmed;
  if (modelId === '') throw invalid(`Model '${spec}' has no model id after its prefix, e.g. ollama:llama3.`);
  switch (prefix) {
    case 'anthropic':
      return { adapter: 'anthropic', provider: 'anthropic', modelId };
    case 'openai':
      return openAIPlan(modelId, settings.compat ?? 'openai');
    case 'ollama':
    case 'vllm':
    case 'llamacpp':
    case 'deepseek':
    case 'dashscope':
      return openAIPlan(modelId, prefix);
    case 'openai-compatible':
      return compatiblePlan(modelId, settings);
    case undefined:
      break;
  }
  if (settings.provider === 'anthropic') return { adapter: 'anthropic', provider: 'anthropic', modelId };
  if (settings.provider === 'openai') return openAIPlan(modelId, settings.compat ?? 'openai');
  if (settings.provider === 'openai-compatible') return compatiblePlan(modelId, settings);
  if (/^claude-/i.test(modelId)) return { adapter: 'anthropic', provider: 'anthropic', modelId };
  if (/^(?:gpt-|o1|o3|o4|chatgpt-)/i.test(modelId)) return openAIPlan(modelId, settings.compat ?? 'openai');
  if (settings.baseURL) return openAIPlan(modelId, settings.compat ?? 'generic');
  throw invalid(`Unknown model '${spec}': use a claude-… or gpt-… id, or a prefix like ollama:llama3.`);
}
