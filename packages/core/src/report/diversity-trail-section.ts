import type { DiversityTrailState } from '../steering/diversity-trail.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatNumber, formatPercent } from './format-figures.js';

const AXIS_WIDTH = 40;
const PLOT_WIDTH = 600;
const PLOT_TOP = 16;
const PLOT_HEIGHT = 150;
const LEGEND_WIDTH = 170;

/**
 * Diversity over the run: distinct-2 and the near-duplicate share per chunk of accepted records, as a
 * line chart on a 0–1 axis (dashed lines at the `diversityTarget`, when set) and a table of the points.
 */
export function diversityTrailSection(trail: DiversityTrailState): string {
  const { points, target } = trail;
  const baseline = PLOT_TOP + PLOT_HEIGHT;
  const width = AXIS_WIDTH + PLOT_WIDTH + LEGEND_WIDTH;
  const height = baseline + 34;
  const maxAccepted = Math.max(1, ...points.map((point) => point.accepted));
  const x = (accepted: number): number => AXIS_WIDTH + (accepted / maxAccepted) * PLOT_WIDTH;
  const y = (value: number): number => baseline - value * PLOT_HEIGHT;
  const parts: string[] = [];
  for (const value of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line class="grid" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH + PLOT_WIDTH}" y1="${y(value)}" y2="${y(value)}"/><text class="axis" x="${AXIS_WIDTH - 4}" y="${y(value) + 3}" text-anchor="end">${value}</text>`,
    );
  }
  parts.push(
    `<line class="axis-line" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH}" y1="${PLOT_TOP}" y2="${baseline}"/><line class="axis-line" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH + PLOT_WIDTH}" y1="${baseline}" y2="${baseline}"/>`,
    `<text class="axis" x="${AXIS_WIDTH}" y="${baseline + 14}" text-anchor="middle">0</text><text class="axis" x="${AXIS_WIDTH + PLOT_WIDTH}" y="${baseline + 14}" text-anchor="middle">${formatCount(maxAccepted)}</text><text class="axis" x="${AXIS_WIDTH + PLOT_WIDTH / 2}" y="${baseline + 28}" text-anchor="middle">records accepted</text>`,
  );
  const series = [
    { name: 'distinct-2', className: 'series-distinct', values: points.map((point) => point.distinct2) },
    {
      name: 'near-duplicate share',
      className: 'series-duplicates',
      values: points.map((point) => point.nearDuplicateRate),
    },
  ];
  series.forEach((line, index) => {
    const coordinates = points
      .map((point, at) => [point.accepted, line.values[at]] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== undefined)
      .map(([accepted, value]) => `${x(accepted).toFixed(1)},${y(value).toFixed(1)}`);
    parts.push(
      `<polyline class="${line.className}" fill="none" stroke-width="2" points="${coordinates.join(' ')}"><title>${escapeHtml(line.name)}</title></polyline>`,
      ...coordinates.map((coordinate) => {
        const [cx, cy] = coordinate.split(',');
        return `<circle class="${line.className}" cx="${cx}" cy="${cy}" r="2.5"/>`;
      }),
      `<line class="${line.className}" x1="${AXIS_WIDTH + PLOT_WIDTH + 12}" x2="${AXIS_WIDTH + PLOT_WIDTH + 30}" y1="${PLOT_TOP + 8 + index * 18}" y2="${PLOT_TOP + 8 + index * 18}" stroke-width="2"/><text x="${AXIS_WIDTH + PLOT_WIDTH + 34}" y="${PLOT_TOP + 12 + index * 18}">${escapeHtml(line.name)}</text>`,
    );
  });
  const targets: [string, number | undefined, string][] = [
    ['target distinct-2 ≥', target?.minDistinct2, 'series-distinct'],
    ['target near-dup ≤', target?.maxNearDuplicateRate, 'series-duplicates'],
  ];
  let legendRow = 2;
  for (const [label, value, className] of targets) {
    if (value === undefined) continue;
    parts.push(
      `<line class="target-line ${className}" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH + PLOT_WIDTH}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke-dasharray="6 4"><title>${escapeHtml(`${label} ${formatNumber(value)}`)}</title></line>`,
      `<text x="${AXIS_WIDTH + PLOT_WIDTH + 12}" y="${PLOT_TOP + 12 + legendRow * 18}">${escapeHtml(`- - ${label} ${formatNumber(value)}`)}</text>`,
    );
    legendRow += 1;
  }
  const chart = `<svg class="chart" role="img" aria-label="Diversity over the run" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  const rows = points
    .map(
      (point) =>
        `<tr><td class="num">${formatCount(point.accepted)}</td><td class="num">${formatCount(point.records)}</td><td class="num">${point.distinct2 === undefined ? 'n/a' : formatNumber(point.distinct2)}</td><td class="num">${formatPercent(point.nearDuplicateRate)}</td></tr>`,
    )
    .join('');
  const note = `<p class="muted">${escapeHtml(`Per chunk of ${formatCount(trail.chunkSize)} accepted records, in acceptance order: distinct-2 of the main text, and duplicates among the chunk's dedup decisions.`)}</p>`;
  return `${note}${chart}<table><thead><tr><th>accepted</th><th>records in chunk</th><th>distinct-2</th><th>near-duplicate share</th></tr></thead><tbody>${rows}</tbody></table>`;
}
