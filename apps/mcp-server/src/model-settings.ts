import { defaultModel as coreDefaultModel, SynthesisError } from '@datasynth/core';
import { resolveModel } from '@datasynth/providers';

/** Provider families DataSynth talks to. */
export type ProviderName = 'anthropic' | 'openai' | 'openai-compatible';

/** Model arguments of a tool call. */
export interface ModelArguments {
  model?: string | undefined;
  provider?: ProviderName | undefined;
  base_url?: string | undefined;
}

/** What a synthesizer needs to reach the model: settings plus the key, kept apart (never serialised). */
export interface ModelSettings {
  model: string;
  provider?: ProviderName;
  baseURL?: string;
  apiKey?: string;
}

/**
 * The model a call means when it names none: core's one rule (`defaultModel`) — the provider's
 * default when a provider is named, else Claude when an Anthropic key is set, GPT when only an
 * OpenAI key is, Claude otherwise. An OpenAI-compatible server has no default model.
 */
export function defaultModel(provider: ProviderName | undefined, env: NodeJS.ProcessEnv): string {
  const model = coreDefaultModel({ provider, env });
  if (model === undefined) {
    throw new SynthesisError(
      'invalid_input',
      'provider "openai-compatible" needs a model: set "model" to the name your server serves.',
    );
  }
  return model;
}

/**
 * Reads the key and base URL for the call's model from the server's environment
 * (`ANTHROPIC_API_KEY` / `ANTHROPIC_BASE_URL` for Claude, `OPENAI_API_KEY` / `OPENAI_BASE_URL`
 * for OpenAI and compatible servers). The provider family is the one `@datasynth/providers`
 * picks for the model id; an explicit `base_url` argument wins over the environment.
 */
export function resolveModelSettings(args: ModelArguments, env: NodeJS.ProcessEnv): ModelSettings {
  const model = args.model ?? defaultModel(args.provider, env);
  const probeBaseURL = args.base_url ?? readEnv(env, 'OPENAI_BASE_URL') ?? readEnv(env, 'ANTHROPIC_BASE_URL');
  const family = resolveModel(model, {
    ...(args.provider && { provider: args.provider }),
    ...(probeBaseURL && { baseURL: probeBaseURL }),
  }).provider;
  const anthropic = family === 'anthropic';
  const configuredBaseURL = readEnv(env, anthropic ? 'ANTHROPIC_BASE_URL' : 'OPENAI_BASE_URL');
  if (args.base_url !== undefined && args.base_url !== configuredBaseURL && !isLoopbackURL(args.base_url)) {
    // The server's key goes wherever the base URL points; a tool call (which a prompt can steer)
    // may only point it at this machine. Other hosts are the server operator's decision.
    throw new SynthesisError(
      'invalid_input',
      `base_url may only point at this machine (localhost, 127.x, ::1) in a tool call; to use ${safeOrigin(args.base_url)}, set ${anthropic ? 'ANTHROPIC_BASE_URL' : 'OPENAI_BASE_URL'} in the MCP server's environment.`,
    );
  }
  const baseURL = args.base_url ?? configuredBaseURL;
  const apiKey = readEnv(env, anthropic ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY');
  return {
    model,
    ...(args.provider && { provider: args.provider }),
    ...(baseURL && { baseURL }),
    ...(apiKey && { apiKey }),
  };
}

/** True for http(s) URLs whose host is this machine (where a key cannot leak to a third party). */
export function isLoopbackURL(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function safeOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return 'that address';
  }
}

function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
