import type { ProviderSettings } from '../spec/provider-settings.js';

/**
 * Which server dialect to speak: `'openai'` (strict JSON-schema output), `'ollama'` / `'vllm'`
 * (JSON-schema output, not strict), `'llamacpp'` (JSON mode carrying the schema, which llama.cpp
 * turns into a grammar), `'deepseek'` / `'dashscope'` / `'generic'` (JSON mode), `'none'` (plain text).
 */
export type OpenAICompat =
  | 'openai'
  | 'ollama'
  | 'vllm'
  | 'llamacpp'
  | 'deepseek'
  | 'dashscope'
  | 'generic'
  | 'none';

/** Settings of {@link createOpenAI}: key from `OPENAI_API_KEY`, base URL from `OPENAI_BASE_URL`. */
export interface OpenAISettings extends ProviderSettings {
  /** Server dialect (default `'openai'`). */
  compat?: OpenAICompat;
}
