import type { SynthesisEstimate } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { Messages } from '../i18n/messages.js';
import { formatRows } from './format-rows.js';
import { formatInteger } from './format-values.js';

/** The fields of an estimate as `--json` prints them: the headline figures, then every detail. */
export function estimateJson(estimate: SynthesisEstimate): Record<string, unknown> {
  return {
    targetCount: estimate.count,
    batches: estimate.batches,
    inputTokens: estimate.inputTokens,
    outputTokens: estimate.outputTokens,
    estimatedCost: estimate.cost.chosen ?? null,
    model: estimate.model,
    priced: estimate.priced,
    variants: {
      noCaching: estimate.cost.noCaching ?? null,
      withCaching: estimate.cost.withCaching ?? null,
      batchApi: estimate.cost.batchApi ?? null,
      batchApiWithCaching: estimate.cost.batchApiWithCaching ?? null,
    },
    estimate,
  };
}

/** The estimate as aligned rows, with the cached and batch-API variants. Unpriced models say so: no invented number. */
export function formatEstimate(estimate: SynthesisEstimate, messages: Messages): string {
  const labels = messages.estimate;
  const money = (value: number | undefined) => (value === undefined ? '—' : formatUsd(value));
  const rows: [string, string][] = [
    [labels.targetCount, formatInteger(estimate.count)],
    [labels.model, estimate.model],
    [labels.batches, formatInteger(estimate.batches)],
    [labels.inputTokens, formatInteger(estimate.inputTokens)],
  ];
  if (estimate.cacheReadTokens + estimate.cacheWriteTokens > 0) {
    rows.push([
      labels.cacheTokens,
      `${formatInteger(estimate.cacheWriteTokens)} written, ${formatInteger(estimate.cacheReadTokens)} read`,
    ]);
  }
  rows.push([labels.outputTokens, formatInteger(estimate.outputTokens)]);
  if (!estimate.priced || estimate.cost.chosen === undefined) {
    rows.push([labels.estimatedCost, labels.unpriced(estimate.model)]);
  } else {
    const perRecord =
      estimate.cost.perRecord === undefined
        ? ''
        : ` (${formatUsd(estimate.cost.perRecord)} ${labels.perRecord})`;
    rows.push([labels.estimatedCost, `${formatUsd(estimate.cost.chosen)}${perRecord}`]);
    rows.push([
      labels.variants,
      [
        `${labels.noCaching} ${money(estimate.cost.noCaching)}`,
        `${labels.withCaching} ${money(estimate.cost.withCaching)}`,
        `${labels.batchApi} ${money(estimate.cost.batchApi)}`,
        `${labels.batchApiWithCaching} ${money(estimate.cost.batchApiWithCaching)}`,
      ].join(' · '),
    ]);
  }
  return `${labels.title(estimate.basis)}\n${formatRows(rows)}`;
}
