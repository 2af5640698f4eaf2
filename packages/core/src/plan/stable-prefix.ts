import { countTokens, DEFAULT_MIN_CACHEABLE_TOKENS, lookupPrice, type PriceOverrides } from '@datasynth/cost';
import { buildStablePrompt, type PromptOptions, type StablePrompt } from '@datasynth/prompts';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';

/** Margin over the provider's minimum, since our token count is an offline estimate. */
const CACHE_MARGIN = 1.15;
/** Never spend more than this many seeds on the fixed prefix. */
const MAX_REFERENCE_EXAMPLES = 24;

/** The stable prompt of a run, how many tokens it has, and which seeds it carries as fixed examples. */
export interface StablePrefix {
  prompt: StablePrompt;
  tokens: number;
  /** Seeds shown in the stable part; the rotation of the varying part uses the others. */
  referenceExamples: Record<string, unknown>[];
  /** Smallest prefix the model caches. */
  minCacheableTokens: number;
}

/**
 * Builds the run's stable prompt. With caching on and a prefix shorter than the model's cache
 * minimum, it adds fixed seed examples until the prefix caches: every later call then reads the
 * prefix at a tenth of the input price, and the model sees more examples. Keeps at least
 * `keepForRotation` seeds out of the prefix so the varying part still rotates through fresh ones.
 */
export function planStablePrefix(options: {
  prompt: PromptOptions;
  seeds: readonly Record<string, unknown>[];
  model: string;
  caching: boolean;
  keepForRotation: number;
  prices?: PriceOverrides;
}): StablePrefix {
  const entry = lookupPrice(options.model, { ...(options.prices && { overrides: options.prices }) })?.entry;
  const minCacheableTokens = entry?.minCacheableTokens ?? DEFAULT_MIN_CACHEABLE_TOKENS;
  const build = (referenceExamples: Record<string, unknown>[]) => {
    const prompt = buildStablePrompt({ ...options.prompt, referenceExamples });
    return {
      prompt,
      tokens: countTokens(prompt.text, { model: options.model }),
      referenceExamples,
      minCacheableTokens,
    };
  };
  let prefix = build([]);
  const wanted = Math.ceil(minCacheableTokens * CACHE_MARGIN);
  if (!options.caching || prefix.tokens >= wanted) return prefix;
  const available = Math.min(MAX_REFERENCE_EXAMPLES, options.seeds.length - options.keepForRotation);
  let count = 0;
  while (prefix.tokens < wanted && count < available) {
    // Add seeds in order, estimating how many more the remaining deficit needs.
    const perSeed = Math.max(1, countTokens(JSON.stringify(options.seeds[count]), { model: options.model }));
    count = Math.min(available, count + Math.max(1, Math.ceil((wanted - prefix.tokens) / perSeed)));
    prefix = build(options.seeds.slice(0, count));
  }
  return prefix.tokens >= minCacheableTokens ? prefix : build([]);
}

/** The stable prefix a run with these settings and inputs sends (the run and its estimate share it). */
export function planRunPrefix(
  config: ResolvedSynthesisConfig,
  inputs: SynthesisInputs,
  options: { model: string; structuredOutput: boolean },
): StablePrefix {
  return planStablePrefix({
    prompt: {
      schema: inputs.schema,
      ...(inputs.guidelines !== undefined && { guidelines: inputs.guidelines }),
      dataType: config.dataType,
      language: config.language,
      languageSample: inputs.seeds,
      diversity: config.diversity,
      structuredOutput: options.structuredOutput,
    },
    seeds: inputs.seeds,
    model: options.model,
    caching: config.promptCaching,
    keepForRotation: config.seedSampleCount,
    ...(config.prices && { prices: config.prices }),
  });
}
