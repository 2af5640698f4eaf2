import Anthropic from '@anthropic-ai/sdk';
import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { readEnv } from '../request/read-env.js';
import { sdkClientOptions } from '../request/sdk-client-options.js';
import { createCollectingLogger } from '../request/sdk-logger.js';
import type { LanguageModel } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { AnthropicLanguageModel } from './anthropic-language-model.js';
import type { AnthropicModelSettings, AnthropicSettings } from './anthropic-settings.js';

const apiKeyEnv = 'ANTHROPIC_API_KEY';
const baseURLEnv = 'ANTHROPIC_BASE_URL';
const defaultTimeoutMs = 120_000;

/** A factory of Anthropic models sharing one lazily created SDK client. */
export type AnthropicProvider = (modelId: string, modelSettings?: AnthropicModelSettings) => LanguageModel;

/**
 * Creates an Anthropic provider over `@anthropic-ai/sdk`. Nothing is read or checked here: the
 * key (`apiKey`, else `ANTHROPIC_API_KEY`) and base URL (`baseURL`, else `ANTHROPIC_BASE_URL`)
 * are read at the first request, which fails with kind `auth` when no key is set. The SDK's
 * retries are off (`maxRetries: 0`): retrying is the caller's policy.
 */
export function createAnthropic(settings: AnthropicSettings = {}): AnthropicProvider {
  const timeoutMs = settings.timeoutMs ?? defaultTimeoutMs;
  const collector = createCollectingLogger();
  let client: Anthropic | undefined;
  let secrets: string[] = settings.apiKey ? [settings.apiKey] : [];
  let baseURL: string | undefined;

  const errorContext = (): ErrorContext => ({
    provider: 'anthropic',
    apiKeyEnv: settings.apiKey ? undefined : apiKeyEnv,
    secrets,
    baseURL: baseURL ?? settings.baseURL ?? readEnv(baseURLEnv) ?? 'https://api.anthropic.com',
    timeoutMs,
  });

  const getClient = (): Anthropic => {
    if (client) return client;
    const apiKey = settings.apiKey ?? readEnv(apiKeyEnv);
    if (!apiKey) {
      throw new ProviderError({
        kind: 'auth',
        message: `No Anthropic API key: set ${apiKeyEnv} (or pass apiKey to createAnthropic).`,
        provider: 'anthropic',
      });
    }
    secrets = [apiKey];
    baseURL = settings.baseURL ?? readEnv(baseURLEnv);
    client = new Anthropic({
      apiKey,
      ...sdkClientOptions({ baseURL, headers: settings.headers, timeoutMs, logger: collector.logger }),
    });
    return client;
  };

  const drainLogWarnings = () => collector.drain().map((warning) => redactSecrets(warning, secrets, 500));

  return (modelId, modelSettings) =>
    new AnthropicLanguageModel(
      modelId,
      { client: getClient, errorContext, timeoutMs, drainLogWarnings },
      { nativeStructuredOutput: modelSettings?.nativeStructuredOutput ?? false },
    );
}

/** The default Anthropic provider: key and base URL from the environment, read at first use. */
export const anthropic: AnthropicProvider = createAnthropic();
