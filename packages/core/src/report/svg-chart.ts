import { isWideCharacter } from '../text/wide-character.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatNumber } from './format-figures.js';

/** One bar of a {@link barChart}. */
export interface ChartBar {
  label: string;
  value: number;
  /** Shown after the label instead of the value (e.g. "120 (40%)"). */
  valueText?: string;
  /** A target drawn as a tick across the bar, on the same scale as `value`. */
  target?: number;
}

const BAR_AREA = 420;
const VALUE_WIDTH = 170;
const ROW_HEIGHT = 22;
const MIN_LABEL_WIDTH = 80;
const MAX_LABEL_WIDTH = 320;
const LABEL_CHARS = 40;

/**
 * A horizontal bar chart as inline SVG: one `rect.bar` per bar (at least 1 px wide, so a zero is
 * still visible as a sliver), an optional `line.target` tick per bar, labels and values as text. The
 * label column is as wide as the longest label needs (wide characters such as Chinese count
 * double), up to 320 px; a longer label is shortened with "…" and given whole in its tooltip. All
 * text is escaped.
 */
export function barChart(bars: readonly ChartBar[], options: { title: string }): string {
  const labels = bars.map((bar) => shorten(bar.label, LABEL_CHARS));
  const labelWidth = Math.min(
    MAX_LABEL_WIDTH,
    Math.max(MIN_LABEL_WIDTH, ...labels.map((label) => textWidth(label) + 12)),
  );
  const width = labelWidth + BAR_AREA + VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW_HEIGHT + 8;
  const max = Math.max(1e-9, ...bars.map((bar) => Math.max(bar.value, bar.target ?? 0)));
  const rows = bars.map((bar, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const barWidth = Math.max(1, (bar.value / max) * BAR_AREA);
    const shown = bar.valueText ?? formatNumber(bar.value);
    const parts = [
      `<text class="label" x="${labelWidth - 6}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(bar.label)}</title>${escapeHtml(labels[index]!)}</text>`,
      `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${barWidth.toFixed(1)}" height="${ROW_HEIGHT - 6}"><title>${escapeHtml(`${bar.label}: ${shown}`)}</title></rect>`,
      `<text class="value" x="${labelWidth + barWidth + 6}" y="${y + 15}">${escapeHtml(shown)}</text>`,
    ];
    if (bar.target !== undefined) {
      const x = labelWidth + (bar.target / max) * BAR_AREA;
      parts.push(
        `<line class="target" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y}" y2="${y + ROW_HEIGHT}"><title>${escapeHtml(`target ${formatNumber(bar.target)}`)}</title></line>`,
      );
    }
    return parts.join('');
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}

const AXIS_WIDTH = 48;
const PLOT_WIDTH = 600;
const PLOT_TOP = 20;
const PLOT_HEIGHT = 130;

/**
 * A histogram as vertical bars with a count axis: gridlines and counts at round steps on the left,
 * one `rect.bar` per bin, bin edges under the bars and the unit under the axis.
 */
export function histogramChart(
  bins: readonly { from: number; to: number; count: number }[],
  options: { title: string; unit?: string },
): string {
  const width = AXIS_WIDTH + PLOT_WIDTH + 24; // room for the last edge label, centred on the right end
  const baseline = PLOT_TOP + PLOT_HEIGHT;
  const height = baseline + (options.unit ? 36 : 22);
  const slot = PLOT_WIDTH / Math.max(1, bins.length);
  const step = niceStep(Math.max(1, ...bins.map((bin) => bin.count)));
  const top = Math.max(step, Math.ceil(Math.max(1, ...bins.map((bin) => bin.count)) / step) * step);
  const scale = (count: number): number => (count / top) * PLOT_HEIGHT;
  const ticks: string[] = [];
  for (let value = 0; value <= top; value += step) {
    const y = (baseline - scale(value)).toFixed(1);
    ticks.push(
      `<line class="grid" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH + PLOT_WIDTH}" y1="${y}" y2="${y}"/><text class="axis" x="${AXIS_WIDTH - 4}" y="${(Number(y) + 3).toFixed(1)}" text-anchor="end">${formatCount(value)}</text>`,
    );
  }
  const bars = bins.map((bin, index) => {
    const barHeight = Math.max(1, scale(bin.count));
    const x = AXIS_WIDTH + index * slot + 1;
    const range = `${formatNumber(bin.from)}–${formatNumber(bin.to)}`;
    const edge = (value: number, at: number): string =>
      `<text class="axis" x="${at.toFixed(1)}" y="${baseline + 14}" text-anchor="middle">${escapeHtml(formatNumber(value))}</text>`;
    const labelEvery = Math.ceil(bins.length / 10);
    const labels = [
      index % labelEvery === 0 ? edge(bin.from, AXIS_WIDTH + index * slot) : '',
      index === bins.length - 1 ? edge(bin.to, AXIS_WIDTH + (index + 1) * slot) : '',
    ].join('');
    return `<rect class="bar" x="${x.toFixed(1)}" y="${(baseline - barHeight).toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${barHeight.toFixed(1)}"><title>${escapeHtml(`${range}: ${formatCount(bin.count)}`)}</title></rect>${labels}`;
  });
  const unit = options.unit
    ? `<text class="axis" x="${AXIS_WIDTH + PLOT_WIDTH / 2}" y="${baseline + 30}" text-anchor="middle">${escapeHtml(options.unit)}</text>`
    : '';
  const countLabel = `<text class="axis" x="4" y="${PLOT_TOP - 10}">count</text>`;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${ticks.join('')}<line class="axis-line" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH}" y1="${PLOT_TOP}" y2="${baseline}"/><line class="axis-line" x1="${AXIS_WIDTH}" x2="${AXIS_WIDTH + PLOT_WIDTH}" y1="${baseline}" y2="${baseline}"/>${bars.join('')}${unit}${countLabel}</svg>`;
}

/** A round step (1, 2 or 5 × 10^k) giving at most five gridlines up to `max`. */
export function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  for (const multiple of [1, 2, 5, 10]) if (multiple * power >= rough) return Math.max(1, multiple * power);
  return 10 * power;
}

// Approximate rendered width at 12px: wide (CJK, full-width) characters 12px, others 7px.
function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += isWideCharacter(character.codePointAt(0)!) ? 12 : 7;
  return width;
}

function shorten(label: string, maxChars: number): string {
  const characters = [...label];
  return characters.length > maxChars ? `${characters.slice(0, maxChars - 1).join('')}…` : label;
}
