import { formatUsd } from '@datasynth/cost';
import type { RunJudgeGold } from '../synthesizer/check-judge-gold.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatNumber, formatPercent } from './format-figures.js';

/** The judge's agreement with human judgements: kappa, Spearman, and a warning for a self-judging model. */
export function judgeGoldSection(report: RunJudgeGold): string {
  const figure = (value: number | undefined): string => (value === undefined ? 'n/a' : formatNumber(value));
  const rows: [string, string][] = [
    ['gold file', report.file],
    ['judge model', report.judgeModel],
    ['gold records (scored by the judge)', `${report.items} (${report.scored})`],
    [`Cohen's kappa, keep/reject at ${formatNumber(report.threshold)}`, figure(report.kappa)],
    ["Spearman's rank correlation of scores", figure(report.spearman)],
    [
      'same keep/reject decision',
      report.decisionAgreement === undefined ? 'n/a' : formatPercent(report.decisionAgreement),
    ],
    [
      "cost of the check (in the run's cost)",
      `${formatCount(report.calls)} calls, ${formatCount(report.usage.inputTokens)} input and ${formatCount(report.usage.outputTokens)} output tokens, ${report.cost === undefined ? 'unpriced' : formatUsd(report.cost)}`,
    ],
  ];
  const body = rows
    .map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const warning = report.sameModelAsGenerator
    ? `<p><b>${escapeHtml(`The judge is the generating model (${report.judgeModel}): models tend to rate their own writing higher.`)}</b></p>`
    : '';
  return `${warning}<table><thead><tr><th>figure</th><th>value</th></tr></thead><tbody>${body}</tbody></table>`;
}
