import type { PacingLimits, SynthesisResult } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import { z } from 'zod';
import { inSettingWords } from './setting-words.js';

const usageShape = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_read_tokens: z.number(),
  cache_write_tokens: z.number(),
});

const runTotalsShape = z.object({
  records: z.number().int(),
  usage: usageShape,
  cost_usd: z.number().nullable().describe('null for a model without a known price.'),
});

const pacingLimitShape = z.object({
  per_minute: z.number(),
  source: z
    .enum(['setting', 'headers'])
    .describe("setting: the rpm / tpm argument (or config); headers: the server's rate-limit headers."),
});

/** The limits a run paces its calls at, per kind; empty while none is known. */
export const pacingShape = z
  .object({
    requests: pacingLimitShape.optional(),
    tokens: pacingLimitShape.optional().describe('Input plus output tokens.'),
    input_tokens: pacingLimitShape.optional(),
    output_tokens: pacingLimitShape.optional(),
  })
  .describe(
    "The limits calls are paced at, per minute, and where each came from: the rpm / tpm settings or the server's rate-limit headers (the lower holds). Empty when neither is known: concurrency then adapts on 429s alone.",
  );

/** Core's pacing limits in the shape of {@link pacingShape} (empty when there are none). */
export function toPacing(pacing: PacingLimits | undefined): z.infer<typeof pacingShape> {
  const entries = [
    ['requests', pacing?.requests],
    ['tokens', pacing?.tokens],
    ['input_tokens', pacing?.inputTokens],
    ['output_tokens', pacing?.outputTokens],
  ] as const;
  return Object.fromEntries(
    entries.flatMap(([name, limit]) =>
      limit ? [[name, { per_minute: limit.perMinute, source: limit.source }]] : [],
    ),
  );
}

/** The figures of an ended run, as `synthesize_data` and `synthesis_status` return them. */
export const runResultShape = {
  stopped_because: z
    .enum(['done', 'budget', 'cancelled', 'quota', 'error', 'max-attempts', 'unreachable'])
    .describe(
      'Why the run ended; anything but done can be resumed. unreachable: the model server could not be reached or stopped answering (not a reject); with no record accepted nothing is left behind, so simply run again.',
    ),
  stop_message: z.string().nullable(),
  generated_count: z.number().int().describe('Records in the output (including those from before a resume).'),
  target_count: z.number().int(),
  new_count: z.number().int().describe('Records accepted by this run.'),
  rejected_count: z.number().int(),
  rejected_by_reason: z.record(z.string(), z.number()),
  duplicates: z.object({ exact: z.number().int(), near: z.number().int() }),
  failed_requests: z.number().int(),
  requests: z.number().int(),
  usage: usageShape.describe('Tokens of this run.'),
  actual_cost_usd: z
    .number()
    .nullable()
    .describe('Spent by this run; null for a model without a known price.'),
  estimated_cost_usd: z.number().nullable(),
  this_run: runTotalsShape.describe('Records, tokens and USD of this run alone.'),
  whole_output: runTotalsShape.describe(
    'Records, tokens and USD of the whole output so far: every run of it, those before a resume included.',
  ),
  suggested_max_cost: z
    .number()
    .nullable()
    .describe(
      'Stopped by max_cost: the max_cost that can finish the run (it counts the whole run, not this call alone); null otherwise.',
    ),
  duration_ms: z.number(),
  model: z.string(),
  provider: z.string(),
  output_path: z.string(),
  output_format: z.string(),
  rejects_path: z.string(),
  journal_path: z.string(),
  state_path: z.string(),
  stats_path: z.string().nullable().describe('The stats JSON, when stats_html was asked for.'),
  stats_html_path: z.string().nullable().describe('The HTML report, when stats_html was asked for.'),
  provenance_path: z
    .string()
    .nullable()
    .describe('The per-record provenance (one JSON line per record); null with provenance: false.'),
  funnel: z
    .object({
      requested: z.number().int(),
      parsed: z.number().int(),
      valid: z.number().int(),
      unique: z.number().int(),
      judged: z.number().int(),
    })
    .describe('Yield funnel: records requested → parsed → valid → unique → kept by the judge.'),
  judge_gold: z
    .object({
      file: z.string(),
      judge_model: z.string(),
      same_model_as_generator: z.boolean(),
      items: z.number().int(),
      scored: z.number().int(),
      kappa: z.number().nullable(),
      spearman: z.number().nullable(),
      decision_agreement: z.number().nullable(),
      cost_usd: z.number().nullable(),
    })
    .nullable()
    .describe(
      "With judge_gold_path: the judge's agreement with the human judgements (Cohen's kappa of keep/reject, Spearman of scores), measured before the first record; its calls are in the run's cost.",
    ),
  pacing: pacingShape,
  warnings: z.array(z.string()),
};

/** Stop reasons that make the run's answer an error (`isError: true`); all are resumable. */
export function isFailedRun(result: SynthesisResult): boolean {
  return (
    result.stoppedBecause === 'error' ||
    result.stoppedBecause === 'quota' ||
    result.stoppedBecause === 'max-attempts' ||
    result.stoppedBecause === 'unreachable'
  );
}

/** An ended run in the shape of {@link runResultShape}. */
export function toRunResult(result: SynthesisResult): z.infer<z.ZodObject<typeof runResultShape>> {
  return {
    stopped_because: result.stoppedBecause,
    stop_message: result.stopMessage === undefined ? null : inSettingWords(result.stopMessage),
    generated_count: result.generatedCount,
    target_count: result.targetCount,
    new_count: result.newCount,
    rejected_count: result.rejectedCount,
    rejected_by_reason: result.rejectedByReason,
    duplicates: result.duplicates,
    failed_requests: result.failedRequests,
    requests: result.requests,
    usage: toUsage(result.usage),
    actual_cost_usd: result.actualCost ?? null,
    estimated_cost_usd: result.estimatedCost ?? null,
    this_run: toTotals(result.thisRun),
    whole_output: toTotals(result.wholeOutput),
    suggested_max_cost: result.suggestedMaxCost ?? null,
    duration_ms: result.durationMs,
    model: result.model,
    provider: result.provider,
    output_path: result.outputPath,
    output_format: result.outputFormat,
    rejects_path: result.rejectsPath,
    journal_path: result.journalPath,
    state_path: result.statePath,
    stats_path: result.statsPath ?? null,
    stats_html_path: result.statsHtmlPath ?? null,
    provenance_path: result.provenancePath ?? null,
    funnel: result.funnel,
    judge_gold: result.judgeGold
      ? {
          file: result.judgeGold.file,
          judge_model: result.judgeGold.judgeModel,
          same_model_as_generator: result.judgeGold.sameModelAsGenerator,
          items: result.judgeGold.items,
          scored: result.judgeGold.scored,
          kappa: result.judgeGold.kappa ?? null,
          spearman: result.judgeGold.spearman ?? null,
          decision_agreement: result.judgeGold.decisionAgreement ?? null,
          cost_usd: result.judgeGold.cost ?? null,
        }
      : null,
    pacing: toPacing(result.pacing),
    warnings: result.warnings.map(inSettingWords),
  };
}

/** One paragraph on an ended run: what was made, where, at what cost, and how to continue a stopped one. */
export function describeRunResult(result: SynthesisResult): string {
  const tokens =
    result.usage.inputTokens +
    result.usage.outputTokens +
    result.usage.cacheReadTokens +
    result.usage.cacheWriteTokens;
  const duplicates = result.duplicates.exact + result.duplicates.near;
  const cost =
    result.actualCost === undefined ? 'cost unknown (unpriced model)' : formatUsd(result.actualCost);
  const estimate =
    result.estimatedCost === undefined ? '' : ` (estimated ${formatUsd(result.estimatedCost)})`;
  const figures = `${result.rejectedCount} rejected, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${result.failedRequests} failed call${result.failedRequests === 1 ? '' : 's'}, ${tokens.toLocaleString('en-US')} tokens, ${cost}${estimate}, ${(result.durationMs / 1000).toFixed(1)} s`;
  if (result.stoppedBecause === 'done') {
    return `Generated ${result.generatedCount}/${result.targetCount} records into ${result.outputPath} with ${result.model}: ${figures}.`;
  }
  const why = inSettingWords(result.stopMessage ?? 'the run ended early.');
  const next =
    result.suggestedMaxCost === undefined
      ? 'Call synthesize_data again with resume: true to continue.'
      : `Call synthesize_data again with resume: true and max_cost: ${result.suggestedMaxCost.toFixed(2)} to finish.`;
  return `Stopped (${result.stoppedBecause}) at ${result.generatedCount}/${result.targetCount} records in ${result.outputPath}: ${why} ${next} ${figures}.`;
}

function toUsage(usage: SynthesisResult['usage']): z.infer<typeof usageShape> {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
  };
}

function toTotals(totals: SynthesisResult['thisRun']): z.infer<typeof runTotalsShape> {
  return { records: totals.records, usage: toUsage(totals.usage), cost_usd: totals.cost ?? null };
}
