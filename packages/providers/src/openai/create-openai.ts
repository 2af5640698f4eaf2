import OpenAI from 'openai';
import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { readEnv } from '../request/read-env.js';
import { sdkClientOptions } from '../request/sdk-client-options.js';
import { createCollectingLogger } from '../request/sdk-logger.js';
import type { LanguageModel } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { openAICompatProfile } from './openai-compat-profile.js';
import { OpenAILanguageModel } from './openai-language-model.js';
import type { OpenAISettings } from './openai-settings.js';

const defaultTimeoutMs = 120_000;
const placeholderKey = 'not-needed';

/** A factory of OpenAI (or compatible) models sharing one lazily created SDK client. */
export type OpenAIProvider = (modelId: string) => LanguageModel;

/**
 * Creates an OpenAI provider over the `openai` SDK; `compat` picks the server dialect. Nothing
 * is read or checked here: the key (`apiKey`, else `OPENAI_API_KEY`, or `DEEPSEEK_API_KEY` /
 * `DASHSCOPE_API_KEY` for those dialects) and base URL (`baseURL`, else `OPENAI_BASE_URL` or the
 * dialect's default) are read at the first request. Self-hosted dialects (`ollama`, `vllm`,
 * `generic`, `none`) need no key. The SDK's retries are off (`maxRetries: 0`).
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAIProvider {
  const profile = openAICompatProfile(settings.compat ?? 'openai');
  const timeoutMs = settings.timeoutMs ?? defaultTimeoutMs;
  const collector = createCollectingLogger();
  const keyEnvName = profile.apiKeyEnv[0] ?? 'OPENAI_API_KEY';
  let client: OpenAI | undefined;
  let secrets: string[] = settings.apiKey ? [settings.apiKey] : [];

  const resolveBaseURL = (): string | undefined =>
    settings.baseURL ??
    (profile.baseURLEnv ? readEnv(profile.baseURLEnv) : undefined) ??
    profile.defaultBaseURL;

  const errorContext = (): ErrorContext => ({
    provider: profile.provider,
    apiKeyEnv: settings.apiKey ? undefined : keyEnvName,
    secrets,
    baseURL: resolveBaseURL() ?? 'https://api.openai.com/v1',
    timeoutMs,
  });

  const getClient = (): OpenAI => {
    if (client) return client;
    const baseURL = resolveBaseURL();
    let apiKey = settings.apiKey ?? profile.apiKeyEnv.map(readEnv).find((value) => value !== undefined);
    if (!apiKey && profile.keyOptional && baseURL) apiKey = placeholderKey;
    if (!baseURL && profile.provider === 'openai-compatible') {
      throw new ProviderError({
        kind: 'invalid_request',
        message:
          'No base URL for the OpenAI-compatible server: pass baseURL (--base-url on the command line) or set OPENAI_BASE_URL, e.g. http://127.0.0.1:8000/v1.',
        provider: profile.provider,
      });
    }
    if (!apiKey) {
      const alternatives = profile.apiKeyEnv.slice(1);
      const localHint =
        profile.provider === 'openai' && baseURL
          ? ` A local OpenAI-compatible server given with --base-url still needs a placeholder key (e.g. ${keyEnvName}=not-needed), or use a prefix such as openai-compatible:, ollama: or vllm:.`
          : '';
      throw new ProviderError({
        kind: 'auth',
        message: `No API key for ${profile.label}: set ${keyEnvName}${alternatives.length > 0 ? ` (or ${alternatives.join(', ')})` : ''} or pass apiKey to createOpenAI.${localHint}`,
        provider: profile.provider,
      });
    }
    if (apiKey !== placeholderKey) secrets = [apiKey];
    client = new OpenAI({
      apiKey,
      ...(profile.sendOrganization ? {} : { organization: null, project: null }),
      ...sdkClientOptions({ baseURL, headers: settings.headers, timeoutMs, logger: collector.logger }),
    });
    return client;
  };

  const drainLogWarnings = () => collector.drain().map((warning) => redactSecrets(warning, secrets, 500));

  return (modelId) =>
    new OpenAILanguageModel(modelId, {
      client: getClient,
      errorContext,
      timeoutMs,
      drainLogWarnings,
      profile,
    });
}

/** The default OpenAI provider: key and base URL from the environment, read at first use. */
export const openai: OpenAIProvider = createOpenAI();
