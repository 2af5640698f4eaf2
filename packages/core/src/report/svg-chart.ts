import { escapeHtml } from './escape-html.js';

/** One bar of a {@link barChart}. */
export interface ChartBar {
  label: string;
  value: number;
  /** Shown after the label instead of the value (e.g. "120 (40%)"). */
  valueText?: string;
  /** A target drawn as a tick across the bar, on the same scale as `value`. */
  target?: number;
}

const LABEL_WIDTH = 180;
const BAR_AREA = 420;
const VALUE_WIDTH = 120;
const ROW_HEIGHT = 22;

/**
 * A horizontal bar chart as inline SVG: one `rect.bar` per bar (at least 1 px wide, so a zero is
 * still visible as a sliver), an optional `line.target` tick per bar, labels and values as text. All
 * text is escaped.
 */
export function barChart(bars: readonly ChartBar[], options: { title: string }): string {
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW_HEIGHT + 8;
  const max = Math.max(1e-9, ...bars.map((bar) => Math.max(bar.value, bar.target ?? 0)));
  const rows = bars.map((bar, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const barWidth = Math.max(1, (bar.value / max) * BAR_AREA);
    const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
    const parts = [
      `<text class="label" x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>`,
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 3}" width="${barWidth.toFixed(1)}" height="${ROW_HEIGHT - 6}"><title>${escapeHtml(`${bar.label}: ${bar.valueText ?? formatNumber(bar.value)}`)}</title></rect>`,
      `<text class="value" x="${LABEL_WIDTH + barWidth + 6}" y="${y + 15}">${escapeHtml(bar.valueText ?? formatNumber(bar.value))}</text>`,
    ];
    if (bar.target !== undefined) {
      const x = LABEL_WIDTH + (bar.target / max) * BAR_AREA;
      parts.push(
        `<line class="target" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y}" y2="${y + ROW_HEIGHT}"><title>${escapeHtml(`target ${formatNumber(bar.target)}`)}</title></line>`,
      );
    }
    return parts.join('');
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}

/** A histogram as vertical bars: one `rect.bar` per bin, the bin range under it. */
export function histogramChart(
  bins: readonly { from: number; to: number; count: number }[],
  options: { title: string },
): string {
  const width = 640;
  const height = 180;
  const plotHeight = 140;
  const slot = width / Math.max(1, bins.length);
  const max = Math.max(1, ...bins.map((bin) => bin.count));
  const bars = bins.map((bin, index) => {
    const barHeight = Math.max(1, (bin.count / max) * (plotHeight - 16));
    const x = index * slot + 1;
    const y = plotHeight - barHeight;
    const range = `${formatNumber(bin.from)}–${formatNumber(bin.to)}`;
    const label =
      index === 0 || index === bins.length - 1 || bins.length <= 10
        ? `<text class="axis" x="${(x + slot / 2).toFixed(1)}" y="${plotHeight + 14}" text-anchor="middle">${escapeHtml(formatNumber(bin.from))}</text>`
        : '';
    return `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${barHeight.toFixed(1)}"><title>${escapeHtml(`${range}: ${bin.count}`)}</title></rect>${label}`;
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><line class="axis-line" x1="0" x2="${width}" y1="${plotHeight}" y2="${plotHeight}"/>${bars.join('')}</svg>`;
}

/** A number for a chart label: integers as they are, others with up to 3 significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
