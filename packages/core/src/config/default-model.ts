import { defaultModelFor } from '@datasynth/cost';

/**
 * The Claude model a run uses when none is named: the newest Sonnet the pricing table prices and
 * does not mark deprecated (`defaultModelFor` in `@datasynth/cost`; today `claude-sonnet-5-5`).
 */
export const DEFAULT_MODEL = defaultModelFor('anthropic');

/** The OpenAI model a run uses when none is named and OpenAI is meant (today `gpt-6-luna`). */
export const DEFAULT_OPENAI_MODEL = defaultModelFor('openai');

/** What decides the default model: the provider asked for, if any, and which keys are set. */
export interface DefaultModelContext {
  provider?: 'anthropic' | 'openai' | 'openai-compatible' | undefined;
  /** The environment the keys are read from (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The one rule for the model a run means when it names none, used by the library, the CLI and the
 * MCP server alike: the provider's default when a provider is named; else OpenAI's when only an
 * OpenAI key is set; else Claude's. An OpenAI-compatible server has no default (its models are the
 * server's own): undefined, and the caller asks for a model.
 */
export function defaultModel(context: DefaultModelContext): string | undefined {
  if (context.provider === 'openai-compatible') return undefined;
  if (context.provider === 'openai') return DEFAULT_OPENAI_MODEL;
  if (context.provider === 'anthropic') return DEFAULT_MODEL;
  const has = (name: string) => (context.env[name] ?? '').trim() !== '';
  return !has('ANTHROPIC_API_KEY') && has('OPENAI_API_KEY') ? DEFAULT_OPENAI_MODEL : DEFAULT_MODEL;
}
