import { formatUsd } from '@datasynth/cost';
import type { DatasetStats } from '../stats/index.js';
import { histogram } from '../stats/number-summary.js';
import { contaminationSection } from './contamination-section.js';
import { diversitySection } from './diversity-section.js';
import { diversityTrailSection } from './diversity-trail-section.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatNumber, formatPercent as percent } from './format-figures.js';
import { judgeGoldSection } from './judge-gold-section.js';
import { provenanceSection } from './provenance-section.js';
import type { RunReport } from './run-report.js';
import { barChart, type ChartBar, histogramChart } from './svg-chart.js';

/** What a report shows besides the statistics. */
export interface ReportContext {
  /** Heading of the report (default "DataSynth report"). */
  title?: string;
  /** The records the statistics were computed from, to show the text of duplicates and seed look-alikes. */
  records?: readonly Record<string, unknown>[];
  /** The seeds, for the "closest to a seed" table. */
  seeds?: readonly Record<string, unknown>[];
  /** The run that made the records: funnel, costs, enum targets, judge scores, rejected duplicates. */
  run?: RunReport;
}

const SNIPPET_CHARS = 160;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Noto Sans",sans-serif;margin:24px auto;max-width:980px;color:#1f2328;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:14px;margin:16px 0 4px}
.muted{color:#656d76}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:110px}
.card b{display:block;font-size:18px}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
.snippet{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0}
svg .bar{fill:#4c8bf5}svg .target{stroke:#d1242f;stroke-width:2}svg text{font-family:inherit;font-size:12px;fill:#1f2328}
svg .axis{font-size:10px;fill:#656d76}svg .axis-line{stroke:#8c959f}svg .grid{stroke:#eaeef2}
svg .series-distinct{stroke:#4c8bf5}svg .series-duplicates{stroke:#bf8700}svg circle.series-distinct{fill:#4c8bf5}svg circle.series-duplicates{fill:#bf8700}svg .target-line{stroke-width:1.5}
`;

/**
 * Renders statistics (and, when given, the run behind them) as ONE self-contained HTML page: no
 * script, no external resource (a Content-Security-Policy forbids any), charts as inline SVG. Every
 * piece of record text is escaped, so arbitrary record content cannot inject markup.
 *
 * Sections: counts; the yield funnel; length histograms per text field; value distributions
 * against their targets; judge scores; duplicate clusters; records closest to a seed; diversity
 * figures; rejects by reason; cost per model.
 */
export function renderReport(stats: DatasetStats, context: ReportContext = {}): string {
  const { run } = context;
  const title = context.title ?? 'DataSynth report';
  const sections: string[] = [];

  const cards: [string, string][] = [['records', formatCount(stats.count)]];
  if (run) {
    cards.push(['target', formatCount(run.targetCount)]);
    cards.push(['rejected', formatCount(run.rejected)]);
    cards.push(['duplicates', formatCount(run.duplicates.exact + run.duplicates.near)]);
    cards.push(['calls', formatCount(run.requests)]);
    cards.push(['cost', run.cost === undefined ? 'unpriced' : formatUsd(run.cost)]);
  }
  sections.push(
    `<div class="cards">${cards.map(([label, value]) => `<div class="card"><span class="muted">${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`).join('')}</div>`,
  );

  if (run?.funnel) {
    const { funnel } = run;
    const stages: [string, number][] = [
      ['requested', funnel.requested],
      ['parsed', funnel.parsed],
      ['valid', funnel.valid],
      ['unique', funnel.unique],
      ['judged ok', funnel.judged],
    ];
    const bars = stages.map(([label, value]) => ({
      label,
      value,
      valueText: `${formatCount(value)}${funnel.requested > 0 ? ` (${percent(value / funnel.requested)})` : ''}`,
    }));
    sections.push(section('Yield funnel', barChart(bars, { title: 'Yield funnel' }), 'funnel'));
  }

  const lengthCharts = stats.fields
    .filter((field) => field.length && field.length.histogram.length > 0 && !field.values)
    .map((field) => {
      const length = field.length!;
      return `<h3>${escapeHtml(field.name)}</h3><p class="muted">characters: min ${length.min}, median ${length.p50}, p90 ${length.p90}, max ${length.max}, mean ${formatNumber(length.mean)}</p>${histogramChart(length.histogram, { title: `Length of ${field.name}`, unit: 'characters' })}`;
    });
  if (lengthCharts.length > 0) sections.push(section('Text lengths', lengthCharts.join(''), 'lengths'));

  const distributionCharts = stats.fields
    .filter((field) => field.values && field.values.length > 0)
    .map((field) => {
      const targets = run?.enumTargets?.[field.name];
      const total = field.values!.reduce((sum, entry) => sum + entry.count, 0);
      const bars: ChartBar[] = field.values!.map((entry) => {
        const share = total === 0 ? 0 : entry.count / total;
        const target = targets?.[entry.value];
        return {
          label: entry.value,
          value: share,
          valueText: `${formatCount(entry.count)} (${percent(share)}${target === undefined ? '' : ` / target ${percent(target)}`})`,
          ...(target !== undefined && { target }),
        };
      });
      const note = targets ? '<p class="muted">Red ticks mark the target share.</p>' : '';
      return `<h3>${escapeHtml(field.name)}</h3>${note}${barChart(bars, { title: `Values of ${field.name}` })}`;
    });
  if (distributionCharts.length > 0)
    sections.push(section('Value distributions', distributionCharts.join(''), 'distributions'));

  if (run?.judgeScores && Object.keys(run.judgeScores).length > 0) {
    sections.push(section('Judge scores', judgeScoreChart(run.judgeScores), 'judge'));
  }
  if (run?.judgeGold)
    sections.push(section('Judge against human scores', judgeGoldSection(run.judgeGold), 'judge-gold'));

  if (run?.contamination) {
    sections.push(section('Contamination', contaminationSection(run.contamination), 'contamination'));
  }
  sections.push(section('Near-duplicate clusters', duplicateClusters(stats, context), 'duplicates'));
  sections.push(section('Records closest to a seed', closestToSeed(stats, context), 'closest'));

  sections.push(section('Diversity', diversitySection(stats), 'diversity'));
  if (run?.diversityTrail && run.diversityTrail.points.length > 0) {
    sections.push(
      section('Diversity over the run', diversityTrailSection(run.diversityTrail), 'diversity-trail'),
    );
  }

  if (run && Object.keys(run.rejectedByReason).length + run.duplicates.exact + run.duplicates.near > 0) {
    const reasons: ChartBar[] = Object.entries(run.rejectedByReason).map(([label, value]) => ({
      label,
      value,
    }));
    if (run.duplicates.exact > 0) reasons.push({ label: 'duplicate-exact', value: run.duplicates.exact });
    if (run.duplicates.near > 0) reasons.push({ label: 'duplicate-near', value: run.duplicates.near });
    sections.push(
      section('Rejected, by reason', barChart(reasons, { title: 'Rejected by reason' }), 'rejects'),
    );
  }

  if (run) sections.push(section('Cost', costSection(run), 'cost'));
  if (run?.provenance) sections.push(section('Provenance', provenanceSection(run.provenance), 'provenance'));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">${escapeHtml(run ? `${run.model} (${run.provider})${run.stoppedBecause ? `, stopped: ${run.stoppedBecause}` : ''}` : 'Statistics of a records file')}</p>
${sections.join('\n')}
</body>
</html>
`;
}

function section(heading: string, body: string, id: string): string {
  return `<section id="${id}"><h2>${escapeHtml(heading)}</h2>${body}</section>`;
}

function table(
  headers: string[],
  rows: string[][],
  options: { numeric?: number[]; raw?: boolean } = {},
): string {
  const numeric = new Set(options.numeric ?? []);
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${options.raw ? cell : escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function snippet(record: Record<string, unknown> | undefined): string {
  if (!record) return '<span class="muted">(not available)</span>';
  const text = displayText(record);
  const chars = [...text];
  const cut = chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS).join('')}…` : text;
  return `<span class="snippet">${escapeHtml(cut)}</span>`;
}

/** The record's string values in field order, joined (what a reader recognises, unlike dedup's normal form). */
function displayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const parts = Array.isArray(value)
    ? value.map(displayText)
    : typeof value === 'object' && value !== null
      ? Object.values(value).map(displayText)
      : [];
  return parts.filter((part) => part !== '').join(' | ');
}

function textSnippet(text: string): string {
  return `<span class="snippet">${escapeHtml(text)}</span>`;
}

function byLabel(label: string, context: ReportContext): Record<string, unknown> | undefined {
  const record = /^SYNTH_(\d+)$/.exec(label);
  if (record) return context.records?.[Number(record[1]) - 1];
  const seed = /^seed #(\d+)$/.exec(label);
  if (seed) return context.seeds?.[Number(seed[1]) - 1];
  return undefined;
}

function duplicateClusters(stats: DatasetStats, context: ReportContext): string {
  const parts: string[] = [];
  const rejected = context.run?.duplicateClusters ?? [];
  if (rejected.length > 0) {
    const rows = rejected.map((cluster) => [
      `${escapeHtml(cluster.matchedId)}<br>${snippet(byLabel(cluster.matchedId, context))}`,
      String(cluster.total),
      cluster.duplicates
        .map(
          (duplicate) =>
            `${escapeHtml(`${duplicate.kind} ${formatNumber(duplicate.similarity)}`)}: ${textSnippet(duplicate.text)}`,
        )
        .join('<br>'),
    ]);
    parts.push(
      `<p class="muted">Records kept, and the copies dedup rejected during the run (largest groups first).</p>${table(['kept record', 'rejected copies', 'examples'], rows, { numeric: [1], raw: true })}`,
    );
  }
  const within = stats.diversity.duplicateClusters ?? [];
  if (within.length > 0) {
    const rows = within.map((cluster) => [
      `#${cluster.index + 1}<br>${snippet(context.records?.[cluster.index])}`,
      String(cluster.duplicates.length),
      cluster.duplicates
        .slice(0, 5)
        .map(
          (duplicate) =>
            `#${duplicate.index + 1} (${escapeHtml(formatNumber(duplicate.similarity))}): ${snippet(context.records?.[duplicate.index])}`,
        )
        .join('<br>'),
    ]);
    parts.push(
      `<p class="muted">Duplicates among the records themselves.</p>${table(['first record', 'copies', 'examples'], rows, { numeric: [1], raw: true })}`,
    );
  }
  return parts.length > 0 ? parts.join('') : '<p class="muted">None found.</p>';
}

function closestToSeed(stats: DatasetStats, context: ReportContext): string {
  const closest = stats.diversity.closestToSeed;
  if (!closest || closest.length === 0) return '<p class="muted">No seeds to compare with.</p>';
  const rows = closest.map((entry) => [
    escapeHtml(formatNumber(entry.similarity)),
    `#${entry.index + 1}: ${snippet(context.records?.[entry.index])}`,
    `seed #${entry.seedIndex + 1}: ${snippet(context.seeds?.[entry.seedIndex])}`,
  ]);
  return table(['similarity', 'record', 'closest seed'], rows, { numeric: [0], raw: true });
}

function costSection(run: RunReport): string {
  const models = Object.entries(run.costByModel ?? {});
  const row = (label: string, calls: number, usage: RunReport['usage'], cost: number | undefined) => [
    label,
    formatCount(calls),
    formatCount(usage.inputTokens),
    formatCount(usage.cacheReadTokens),
    formatCount(usage.cacheWriteTokens),
    formatCount(usage.outputTokens),
    cost === undefined ? 'unpriced' : formatUsd(cost),
  ];
  const rows = models.map(([model, totals]) => row(model, totals.calls, totals.usage, totals.cost));
  rows.push(row('total', run.requests, run.usage, run.cost));
  const priced = models.filter(([, totals]) => totals.cost !== undefined);
  const chart =
    priced.length > 0
      ? barChart(
          priced.map(([model, totals]) => ({
            label: model,
            value: totals.cost!,
            valueText: formatUsd(totals.cost!),
          })),
          { title: 'Cost per model' },
        )
      : '';
  const perRecord =
    run.cost !== undefined && run.accepted > 0
      ? `<p class="muted">${escapeHtml(`${formatUsd(run.cost / run.accepted)} per accepted record`)}</p>`
      : '';
  return `${chart}${table(['model', 'calls', 'input', 'cache read', 'cache write', 'output', 'USD'], rows, { numeric: [1, 2, 3, 4, 5, 6] })}${perRecord}`;
}

// Few distinct scores (a 1–5 rubric): one bar each. Many (a 0–100 scale): a histogram of ten bins.
function judgeScoreChart(scores: Record<string, number>): string {
  const entries = Object.entries(scores)
    .map(([score, count]) => ({ score: Number(score), count }))
    .sort((a, b) => a.score - b.score);
  if (entries.length <= 12) {
    const bars = entries.map(({ score, count }) => ({ label: `score ${formatNumber(score)}`, value: count }));
    return barChart(bars, { title: 'Judge scores' });
  }
  const values = entries.flatMap(({ score, count }) => new Array<number>(count).fill(score));
  const bins = histogram(values, entries[0]!.score, entries.at(-1)!.score);
  return histogramChart(bins, { title: 'Judge scores', unit: 'judge score' });
}
