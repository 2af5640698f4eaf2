import type { SynthesisResult } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import { withSettingFlags } from '../errors/setting-flags.js';
import type { Messages } from '../i18n/messages.js';
import { formatRows } from './format-rows.js';
import { formatCompact, formatDuration } from './format-values.js';

/**
 * The end-of-run summary for stdout: target, model, output, generated, failed, tokens, costs, time;
 * then the rejects, stats and provenance files when written. After a resume, tokens and the actual
 * cost are this run's, and one more row gives the whole output so far (records, tokens, USD over
 * every session).
 */
export function formatRunSummary(result: SynthesisResult, messages: Messages): string {
  const labels = messages.summary;
  const usage = result.usage;
  const resumed = isResumed(result);
  const thisRun = (label: string) => (resumed ? labels.thisRun(label) : label);
  const generated =
    result.newCount === result.generatedCount
      ? `${result.generatedCount}/${result.targetCount}`
      : `${result.generatedCount}/${result.targetCount} (${labels.newInSession(result.newCount)})`;
  const rows: [string, string][] = [
    [labels.target, String(result.targetCount)],
    [labels.model, `${result.model} (${result.provider})`],
    [labels.output, result.outputPath],
    [labels.generated, generated],
    [
      labels.failed,
      labels.failedDetail(
        result.rejectedCount,
        result.duplicates.exact,
        result.duplicates.near,
        result.failedRequests,
      ),
    ],
    [
      thisRun(labels.tokens),
      labels.tokensDetail(
        formatCompact(usage.inputTokens),
        formatCompact(usage.outputTokens),
        formatCompact(usage.cacheReadTokens),
        formatCompact(usage.cacheWriteTokens),
      ),
    ],
    [
      labels.estimatedCost,
      result.estimatedCost === undefined ? labels.notPriced : formatUsd(result.estimatedCost),
    ],
    [
      thisRun(labels.actualCost),
      result.actualCost === undefined ? labels.notPriced : formatUsd(result.actualCost),
    ],
  ];
  if (resumed) {
    const whole = result.wholeOutput;
    rows.push([
      labels.wholeOutput,
      labels.wholeOutputDetail(
        whole.records,
        formatCompact(totalTokens(whole.usage)),
        whole.cost === undefined ? labels.notPriced : formatUsd(whole.cost),
      ),
    ]);
  }
  rows.push([labels.time, formatDuration(result.durationMs)]);
  if (result.stoppedBecause !== 'done') {
    rows.push([
      labels.stopped,
      `${result.stoppedBecause}${result.stopMessage ? `: ${withSettingFlags(result.stopMessage)}` : ''}`,
    ]);
  }
  if (result.rejectedCount > 0 || result.duplicates.exact + result.duplicates.near > 0) {
    rows.push([labels.rejects, result.rejectsPath]);
  }
  if (result.statsPath !== undefined) rows.push([labels.stats, result.statsPath]);
  if (result.provenancePath !== undefined) rows.push([labels.provenance, result.provenancePath]);
  if (result.postHook !== undefined) {
    rows.push([labels.postHook, labels.postHookResult(result.postHook.ok, result.postHook.exitCode)]);
  }
  return formatRows(rows);
}

/** Whether the output holds more than this run made, or the run spent money before this session. */
export function isResumed(result: SynthesisResult): boolean {
  const { thisRun, wholeOutput } = result;
  return wholeOutput.records !== thisRun.records || (wholeOutput.cost ?? 0) !== (thisRun.cost ?? 0);
}

function totalTokens(usage: SynthesisResult['usage']): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}
