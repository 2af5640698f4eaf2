import { countTokens, estimateRun, type RunEstimate } from '@datasynth/cost';
import { buildVaryingPrompt, type DataType, type Language } from '@datasynth/prompts';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import { DEFAULT_RECORD_TOKENS, measureRecordSize } from '../plan/plan-run.js';
import { planRunPrefix, type StablePrefix } from '../plan/stable-prefix.js';
import { estimateJudge, type JudgeEstimate, withJudgeCost } from './estimate-judge.js';

/** Token figures used when there are no inputs to build a real prompt from. */
export const DEFAULT_PROMPT_TOKENS = { stable: 1200, varying: 400 } as const;

/** A run estimate plus what it was computed from. */
export interface SynthesisEstimate extends RunEstimate {
  /** 'provider' when the prompt was counted by the provider's count-tokens endpoint, else an offline count. */
  tokenCount: 'provider' | 'offline';
  /** 'prompt' when tokens come from the real prompt built for these inputs; 'defaults' otherwise. */
  basis: 'prompt' | 'defaults';
  stablePromptTokens: number;
  varyingPromptTokens: number;
  outputTokensPerRecord: number;
  language?: Language;
  dataType?: DataType;
  /** What judging adds (with `config.judge`); its cost is included in `cost.chosen` and `cost.perRecord`. */
  judge?: JudgeEstimate;
}

/**
 * Estimates a run from the prompt it would really send: the stable part as built for these inputs,
 * a varying part with `seedSampleCount` real seeds, and output sizes measured on the seeds.
 */
export function estimateSynthesis(
  config: ResolvedSynthesisConfig,
  inputs: SynthesisInputs | undefined,
  options: {
    batchApi?: boolean;
    /** Prompt token counts from the provider's count-tokens endpoint, replacing the offline ones. */
    exactPromptTokens?: { stable: number; varying: number };
  } = {},
): SynthesisEstimate {
  const model = config.model;
  let stablePromptTokens: number = DEFAULT_PROMPT_TOKENS.stable;
  let varyingPromptTokens: number = DEFAULT_PROMPT_TOKENS.varying;
  let outputTokensPerRecord = DEFAULT_RECORD_TOKENS;
  let language: Language | undefined;
  let dataType: DataType | undefined;
  if (inputs) {
    const { stable, varying } = samplePrompts(config, inputs);
    language = stable.prompt.language;
    dataType = stable.prompt.dataType;
    stablePromptTokens = options.exactPromptTokens?.stable ?? stable.tokens;
    varyingPromptTokens = options.exactPromptTokens?.varying ?? countTokens(varying, { model });
    outputTokensPerRecord = measureRecordSize(inputs.seeds, model).meanTokens;
  }
  const estimate = estimateRun({
    model,
    count: config.targetCount,
    batchSize: config.batchSize,
    stablePromptTokens,
    varyingPromptTokens,
    outputTokensPerRecord,
    caching: config.promptCaching,
    ...(typeof config.concurrency === 'number' && { throughput: { concurrency: config.concurrency } }),
    // The batch-API price when the run will use it, unless the caller asks for one variant.
    batchApi: options.batchApi ?? config.batchApi,
    ...(config.prices && { overrides: config.prices }),
  });
  const judge = estimateJudge({ config, inputs, language, generation: estimate });
  const withJudge = withJudgeCost(estimate, judge);
  return {
    ...withJudge,
    // What reading the inputs found (seeds left out, where they came from) belongs with the estimate too.
    warnings: [...(inputs?.warnings ?? []), ...withJudge.warnings],
    basis: inputs ? 'prompt' : 'defaults',
    tokenCount: options.exactPromptTokens ? 'provider' : 'offline',
    stablePromptTokens,
    varyingPromptTokens,
    outputTokensPerRecord,
    ...(language && { language }),
    ...(dataType && { dataType }),
  };
}

/**
 * The prompt a run with these settings would send first: its stable prefix and the varying part of a
 * typical call (`seedSampleCount` rotating seeds, one batch's worth of records).
 */
export function samplePrompts(
  config: ResolvedSynthesisConfig,
  inputs: SynthesisInputs,
): { stable: StablePrefix; varying: string } {
  const stable = planRunPrefix(config, inputs, {
    model: config.model,
    structuredOutput: config.structuredOutput,
  });
  const rotating = stable.referenceExamples.length;
  const varying = buildVaryingPrompt({
    seeds: inputs.seeds.slice(rotating, rotating + config.seedSampleCount),
    count: Math.min(config.batchSize, config.targetCount),
    language: stable.prompt.language,
  });
  return { stable, varying };
}
