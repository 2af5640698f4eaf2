import { costOf, type TokenUsage } from '@datasynth/cost';
import type { LanguageModel } from '@datasynth/providers';
import { JudgeConfigSchema, type ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { samplePrompts } from '../estimate/estimate-synthesis.js';
import { Governor } from '../governor/governor.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import { type JudgeGoldReport, measureJudgeAgreement, readJudgeGold } from './judge-gold.js';
import { RecordJudge } from './record-judge.js';

/** A gold check's agreement figures plus what its judge calls used and cost. */
export interface JudgeGoldCheck extends JudgeGoldReport {
  usage: TokenUsage;
  /** USD; undefined when the judge model has no known price. */
  cost: number | undefined;
}

/**
 * Runs the judge, as the run would configure it (rubric, threshold, batch size, structured output),
 * on the records of a gold file and measures its agreement with their human judgements. Its calls go
 * through a governor of their own (retries, pacing) and are metered and priced.
 */
export async function checkJudgeOnGold(options: {
  config: ResolvedSynthesisConfig;
  inputs: SynthesisInputs;
  judgeModel: LanguageModel;
  generatorModel: string;
  file: string;
  signal?: AbortSignal;
}): Promise<JudgeGoldCheck> {
  const { config, inputs, judgeModel, file } = options;
  const gold = await readJudgeGold(file);
  const settings = config.judge ?? JudgeConfigSchema.parse({});
  const governor = new Governor({
    concurrency: config.concurrency,
    maxRetries: config.maxRetries,
    retryBaseMs: config.retryBaseMs,
  });
  const signal = options.signal ?? new AbortController().signal;
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const judge = new RecordJudge({
    model: judgeModel,
    schema: inputs.schema,
    language: samplePrompts(config, inputs).stable.prompt.language,
    ...(settings.rubric !== undefined && { rubric: settings.rubric }),
    ...(settings.threshold !== undefined && { threshold: settings.threshold }),
    batchSize: settings.batchSize,
    structuredOutput: config.structuredOutput,
    caching: config.promptCaching,
    send: async (request) => {
      const result = await governor.run(
        (_attempt, callSignal) => judgeModel.generate(request, { signal: callSignal }),
        signal,
      );
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      usage.cacheReadTokens += result.usage.cacheReadTokens;
      usage.cacheWriteTokens += result.usage.cacheWriteTokens;
      return result;
    },
  });
  const report = await measureJudgeAgreement({ judge, gold, file, generatorModel: options.generatorModel });
  const cost = costOf(usage, judgeModel.modelId, { ...(config.prices && { overrides: config.prices }) });
  return { ...report, usage, cost };
}
