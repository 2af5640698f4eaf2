import type { SynthesisResult } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { Messages } from '../i18n/messages.js';
import { formatRows } from './format-rows.js';
import { formatCompact, formatDuration } from './format-values.js';

/** The end-of-run summary for stdout: target, model, output, generated, failed, tokens, costs, time;
 * then the rejects, stats and provenance files when written. */
export function formatRunSummary(result: SynthesisResult, messages: Messages): string {
  const labels = messages.summary;
  const usage = result.usage;
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
      labels.tokens,
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
    [labels.actualCost, result.actualCost === undefined ? labels.notPriced : formatUsd(result.actualCost)],
    [labels.time, formatDuration(result.durationMs)],
  ];
  if (result.stoppedBecause !== 'done') {
    rows.push([
      labels.stopped,
      `${result.stoppedBecause}${result.stopMessage ? `: ${result.stopMessage}` : ''}`,
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
