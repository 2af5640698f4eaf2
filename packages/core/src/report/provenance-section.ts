import { formatUsd } from '@datasynth/cost';
import { escapeHtml } from './escape-html.js';
import { formatCount } from './format-figures.js';
import type { ProvenanceReport } from './run-report.js';

/**
 * Where the records came from: the run manifest's hashes (what the run was made from), then the
 * records per model as the provider reported it, with the calls behind them and their cost shares.
 */
export function provenanceSection(report: ProvenanceReport): string {
  const rows = (pairs: [string, string][]): string =>
    pairs
      .map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`)
      .join('');
  const parts: string[] = [];
  if (report.manifest) {
    const { schema, seeds, guidelines, config } = report.manifest;
    const hashes: [string, string][] = [
      ['schema', schema],
      ['seeds', seeds],
      ...(guidelines === undefined ? [] : [['guidelines', guidelines] as [string, string]]),
      ['settings', config],
    ];
    parts.push(
      `<table><thead><tr><th>made from</th><th>SHA-256</th></tr></thead><tbody>${rows(hashes.map(([label, hash]) => [label, hash.slice(0, 16)]))}</tbody></table>`,
    );
  }
  if (report.byModel.length > 0) {
    const models: [string, string][] = report.byModel.map((row) => [
      row.value,
      `${formatCount(row.records)} records${row.cost === undefined ? '' : `, ${formatUsd(row.cost)}`}`,
    ]);
    parts.push(
      `<p class="muted">${escapeHtml(`${formatCount(report.records)} records from ${formatCount(report.calls)} calls; the model id as the provider reported it.`)}</p>`,
      `<table><thead><tr><th>model</th><th>records, cost share</th></tr></thead><tbody>${rows(models)}</tbody></table>`,
    );
  }
  return parts.join('');
}
