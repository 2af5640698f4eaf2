import { inferProvider, ProviderError } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { SynthesisError } from '../errors/synthesis-error.js';

/**
 * Fails before any file is touched when the run could not authenticate: no key given, none in the
 * environment, and no local base URL (local OpenAI-compatible servers need no key).
 */
export function requireCredentials(config: ResolvedSynthesisConfig, apiKey: string | undefined): void {
  if (apiKey) return;
  let provider: string;
  try {
    provider =
      config.provider ?? inferProvider(config.model, { ...(config.baseURL && { baseURL: config.baseURL }) });
  } catch (error) {
    if (ProviderError.isInstance(error)) throw new SynthesisError('invalid_input', error.message);
    throw error;
  }
  if (provider === 'openai-compatible' || (config.baseURL && provider !== 'anthropic')) return;
  const variable = provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
  if (process.env[variable]) return;
  throw new SynthesisError(
    'no_api_key',
    `No API key for ${provider === 'anthropic' ? 'Anthropic' : 'OpenAI'}: set ${variable}, point the base URL at a local OpenAI-compatible server (Ollama, vLLM), or use the interactive mode, which needs no key.`,
    { provider },
  );
}
