import { countTokens, estimateRun, type RunEstimate } from '@datasynth/cost';
import { buildJudgePrompt, type Language } from '@datasynth/prompts';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';

/** What judging adds to a run's estimate. */
export interface JudgeEstimate {
  model: string;
  /** Records judged: the target ÷ {@link EXPECTED_JUDGE_PASS_RATE}. */
  records: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the judge calls (undefined when the judge model has no price). */
  cost: number | undefined;
  /** USD of generating the records the judge is expected to drop (undefined when unpriced). */
  extraGenerationCost: number | undefined;
  expectedPassRate: number;
}

/**
 * Share of judged records assumed to pass the judge, for planning: the records it drops have to be
 * generated again, so generation is estimated at 1 ÷ this of the plain figure.
 */
export const EXPECTED_JUDGE_PASS_RATE = 0.8;

/** Output tokens assumed per judged record (index, score and a one-sentence reason). */
export const JUDGE_OUTPUT_TOKENS_PER_RECORD = 45;

/**
 * Estimates the judge calls of a run (`config.judge`), from a real judge prompt over seed records,
 * plus the extra generation for the records it is expected to drop. Undefined without a judge.
 */
export function estimateJudge(options: {
  config: ResolvedSynthesisConfig;
  inputs: SynthesisInputs | undefined;
  language: Language | undefined;
  generation: RunEstimate;
}): JudgeEstimate | undefined {
  const { config, inputs, generation } = options;
  const judge = config.judge;
  if (!judge) return undefined;
  const model = judge.model ?? config.model;
  let stablePromptTokens = 900;
  let varyingPromptTokens = 60 + judge.batchSize * 150;
  if (inputs && inputs.seeds.length > 0) {
    const sample = Array.from(
      { length: judge.batchSize },
      (_, index) => inputs.seeds[index % inputs.seeds.length]!,
    );
    const prompt = buildJudgePrompt({
      schema: inputs.schema,
      records: sample,
      language: options.language ?? 'en',
      ...(judge.rubric !== undefined && { rubric: judge.rubric }),
    });
    stablePromptTokens = countTokens(prompt.system, { model });
    varyingPromptTokens = countTokens(prompt.user, { model });
  }
  const records = Math.ceil(config.targetCount / EXPECTED_JUDGE_PASS_RATE);
  const estimate = estimateRun({
    model,
    count: records,
    batchSize: judge.batchSize,
    stablePromptTokens,
    varyingPromptTokens,
    outputTokensPerRecord: JUDGE_OUTPUT_TOKENS_PER_RECORD,
    expectedYield: 1,
    caching: config.promptCaching,
    ...(config.prices && { overrides: config.prices }),
  });
  const generationCost = generation.cost.chosen;
  return {
    model,
    records,
    calls: estimate.requests,
    inputTokens: estimate.inputTokens + estimate.cacheReadTokens + estimate.cacheWriteTokens,
    outputTokens: estimate.outputTokens,
    cost: estimate.cost.chosen,
    extraGenerationCost:
      generationCost === undefined ? undefined : generationCost * (1 / EXPECTED_JUDGE_PASS_RATE - 1),
    expectedPassRate: EXPECTED_JUDGE_PASS_RATE,
  };
}

/** A run estimate with the judge's share added to the chosen cost and the cost per record. */
export function withJudgeCost<T extends RunEstimate>(
  estimate: T,
  judge: JudgeEstimate | undefined,
): T & { judge?: JudgeEstimate } {
  if (!judge) return estimate;
  const chosen =
    estimate.cost.chosen === undefined || judge.cost === undefined || judge.extraGenerationCost === undefined
      ? undefined
      : estimate.cost.chosen + judge.cost + judge.extraGenerationCost;
  const warnings = [...estimate.warnings];
  if (judge.cost === undefined) warnings.push(`The judge model '${judge.model}' has no known price.`);
  return {
    ...estimate,
    warnings,
    cost: {
      ...estimate.cost,
      chosen,
      perRecord: chosen === undefined ? undefined : chosen / estimate.count,
    },
    judge,
  };
}
