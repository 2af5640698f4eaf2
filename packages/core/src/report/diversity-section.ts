import type { DatasetStats } from '../stats/index.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber, formatPercent as percent } from './format-figures.js';
import { histogramChart } from './svg-chart.js';

/**
 * The report's diversity figures: a table (distinct-1/2/3 per text field, near-duplicate and
 * seed-copy shares, length and value spread) and the histogram of nearest-neighbour similarity.
 */
export function diversitySection(stats: DatasetStats): string {
  const figures = stats.diversity;
  const rows: [string, string][] = [['near-duplicate rate', percent(figures.nearDuplicateRate)]];
  if (figures.tooCloseToSeedRate !== undefined)
    rows.push(['too close to a seed', percent(figures.tooCloseToSeedRate)]);
  if (figures.seedCopyRate !== undefined)
    rows.push([
      'copies a seed (exact, near, or 13 words / 20 CJK characters shared)',
      percent(figures.seedCopyRate),
    ]);
  if (stats.holdout)
    rows.push([
      'overlaps a held-out item (exact, near, or 13 words / 20 CJK characters)',
      `${percent(stats.holdout.rate)} (${stats.holdout.count})`,
    ]);
  for (const [path, ratio] of Object.entries(figures.distinct1)) {
    const others = [figures.distinct2[path], figures.distinct3[path]].map((value) =>
      value === undefined ? '–' : formatNumber(value),
    );
    rows.push([`distinct-1 / 2 / 3 of ${path}`, [formatNumber(ratio), ...others].join(' / ')]);
  }
  for (const [field, spread] of Object.entries(figures.lengthSpread))
    rows.push([`length spread of ${field} (sd / mean)`, formatNumber(spread)]);
  for (const [field, spread] of Object.entries(figures.valueSpread))
    rows.push([`value spread of ${field} (0 one value … 1 even)`, formatNumber(spread)]);
  const body = rows
    .map(
      ([label, value]) => `<tr><td>${escapeHtml(label)}</td><td class="num">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const table = `<table><thead><tr><th>figure</th><th>value</th></tr></thead><tbody>${body}</tbody></table>`;
  const nearest = figures.nearestNeighbour;
  const chart = nearest
    ? `<h3>Similarity to the nearest other record</h3><p class="muted">${escapeHtml(
        `${nearest.records} records: mean ${formatNumber(nearest.mean)}, median ${formatNumber(nearest.p50)}, p90 ${formatNumber(nearest.p90)}, max ${formatNumber(nearest.max)} (MinHash over character 4-grams; the dedup threshold is a near-duplicate)`,
      )}</p>${histogramChart(nearest.histogram, { title: 'Nearest-neighbour similarity', unit: 'similarity' })}`
    : '';
  return `${table}${chart}`;
}
