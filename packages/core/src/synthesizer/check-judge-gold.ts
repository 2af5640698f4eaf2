import type { TokenUsage } from '@datasynth/cost';
import { JudgeConfigSchema } from '../config/synthesis-config.js';
import type { JudgeGoldCheck } from '../judge/check-judge-on-gold.js';
import { describeJudgeAgreement, type GoldItem, measureJudgeAgreement } from '../judge/judge-gold.js';
import { RecordJudge } from '../judge/record-judge.js';
import { contentFingerprint } from './fingerprint.js';
import type { OpenedRun } from './open-run.js';
import type { RunEvents } from './run-events.js';
import { emptyUsage } from './run-state.js';
import type { SynthesisRunOptions } from './synthesis-run.js';

/** The gold file of `judgeGold`, read before the run starts (a bad one is refused before anything is written). */
export interface JudgeGoldInput {
  file: string;
  items: readonly GoldItem[];
}

/** A gold check as a run keeps it in its state: the figures, what its calls cost, what it measured. */
export interface RunJudgeGold extends JudgeGoldCheck {
  /** Judge calls the check sent (retries included). */
  calls: number;
  /**
   * Hash of the gold items, the judge model, threshold and rubric. A resume measures again only
   * when it changes; absent when a judge call of the check failed (a resume then measures again).
   */
  fingerprint?: string;
}

/**
 * Runs the judge, as this run configures it, on the gold records before anything of the run is
 * judged, and keeps its agreement with the human judgements in the run's state. Its calls go through
 * the run's gate: held to `maxCost`, metered into the run's cost. A resume with the same gold file,
 * judge model, threshold and rubric reuses the kept figures instead of paying for them again.
 * A check the budget (or a quota, or an auth failure) stops is not kept: the run stops, and its
 * resume measures again.
 */
export async function checkJudgeGold(
  options: SynthesisRunOptions,
  run: Pick<OpenedRun, 'gate' | 'governor' | 'tally' | 'plan' | 'queue'>,
  events: RunEvents,
): Promise<void> {
  const { config, inputs, judgeGold } = options;
  if (!judgeGold) return;
  const judgeModel = options.judgeModel ?? options.model;
  const settings = config.judge ?? JudgeConfigSchema.parse({});
  const fingerprint = contentFingerprint({
    gold: judgeGold.items,
    judgeModel: judgeModel.modelId,
    threshold: settings.threshold ?? null,
    rubric: settings.rubric ?? null,
  });
  const { tally, gate } = run;
  const kept = tally.judgeGold;
  if (kept?.fingerprint === fingerprint) {
    announce(kept, events);
    return;
  }
  let failed = false;
  const judge = new RecordJudge({
    model: judgeModel,
    schema: inputs.schema,
    language: run.plan.language,
    ...(settings.rubric !== undefined && { rubric: settings.rubric }),
    ...(settings.threshold !== undefined && { threshold: settings.threshold }),
    batchSize: settings.batchSize,
    structuredOutput: config.structuredOutput,
    caching: config.promptCaching,
    send: async (request, inputTokens) => {
      try {
        return await gate.sendAuxiliary(judgeModel, run.governor, request, inputTokens);
      } catch (cause) {
        failed = true;
        gate.fail(cause);
        throw cause;
      }
    },
  });
  const before = tally.meter.byModel()[judgeModel.modelId];
  const report = await measureJudgeAgreement({
    judge,
    gold: judgeGold.items,
    file: judgeGold.file,
    generatorModel: options.model.modelId,
  });
  if (gate.stop) return;
  tally.judgeGold = {
    ...report,
    ...spentSince(before, tally.meter.byModel()[judgeModel.modelId]),
    ...(!failed && { fingerprint }),
  };
  // Kept at once: a run killed after the check does not pay for it again on resume.
  await run.queue.saveState();
  announce(tally.judgeGold, events);
}

type ModelTotals = { calls: number; usage: TokenUsage; cost: number | undefined };

/** Calls, usage and USD one model's meter line grew by between two readings. */
function spentSince(before: ModelTotals | undefined, after: ModelTotals | undefined): ModelTotals {
  const start = before ?? { calls: 0, usage: emptyUsage(), cost: 0 };
  const end = after ?? { calls: 0, usage: emptyUsage(), cost: 0 };
  return {
    calls: end.calls - start.calls,
    usage: {
      inputTokens: end.usage.inputTokens - start.usage.inputTokens,
      outputTokens: end.usage.outputTokens - start.usage.outputTokens,
      cacheReadTokens: end.usage.cacheReadTokens - start.usage.cacheReadTokens,
      cacheWriteTokens: end.usage.cacheWriteTokens - start.usage.cacheWriteTokens,
    },
    cost: end.cost === undefined || start.cost === undefined ? undefined : end.cost - start.cost,
  };
}

function announce(report: RunJudgeGold, events: RunEvents): void {
  events.emit({ type: 'judge-gold', report });
  const [, ...warnings] = describeJudgeAgreement(report);
  for (const warning of warnings) events.warn(warning);
}
