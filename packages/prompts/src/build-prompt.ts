import { buildStablePrompt, type PromptOptions, type StablePrompt } from './build-stable-prompt.js';
import { buildVaryingPrompt, type VaryingPromptOptions } from './build-varying-prompt.js';

/** A prompt in two parts: the cacheable stable prefix and this batch's varying part. */
export interface BuiltPrompt {
  stable: StablePrompt;
  varying: string;
}

/**
 * Builds both parts. The varying part uses the stable part's language. For auto language, pass
 * `languageSample` (all seeds) so it cannot change between batches; otherwise this batch's seeds decide.
 */
export function buildPrompt(options: PromptOptions & Omit<VaryingPromptOptions, 'language'>): BuiltPrompt {
  const stable = buildStablePrompt({ ...options, languageSample: options.languageSample ?? options.seeds });
  const varyingOptions: VaryingPromptOptions = {
    seeds: options.seeds,
    count: options.count,
    language: stable.language,
  };
  if (options.steering !== undefined) varyingOptions.steering = options.steering;
  return { stable, varying: buildVaryingPrompt(varyingOptions) };
}
