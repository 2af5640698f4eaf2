import type { DatasetStats, ProvenanceGroup, ProvenanceGroupRow, RunManifest } from '@datasynth/core';
import type { Messages } from '../i18n/messages.js';
import { displayWidth } from './display-width.js';
import { formatRows } from './format-rows.js';

type FieldStats = DatasetStats['fields'][number];

const SHOWN_VALUES = 6;

/** Dataset statistics as a readable table: one row per field, then the diversity figures. */
export function formatStats(stats: DatasetStats, messages: Messages): string {
  const labels = messages.stats;
  if (stats.count === 0) return `${labels.records}  0 (${labels.noData})`;
  const columns = labels.columns;
  const header = [
    columns.field,
    columns.type,
    columns.present,
    columns.missing,
    columns.length,
    columns.numbers,
    columns.values,
  ];
  const rows = stats.fields.map((field) => [
    field.name,
    field.type,
    String(field.present),
    String(field.missing),
    field.length
      ? `${field.length.min}/${field.length.p50}/${field.length.p90}/${field.length.max}`
      : field.listLength
        ? `${field.listLength.min}/${round(field.listLength.mean)}/${field.listLength.max} ${labels.items}`
        : '',
    field.numeric
      ? `${round(field.numeric.min)}/${round(field.numeric.mean)}/${round(field.numeric.max)}`
      : '',
    formatValues(field, messages),
  ]);
  const diversity: [string, string][] = [];
  const figures = stats.diversity;
  for (const [path, value] of Object.entries(figures.distinct1)) {
    const others = [figures.distinct2[path], figures.distinct3[path]].map((ratio) =>
      ratio === undefined ? '–' : round(ratio),
    );
    diversity.push([labels.distinctN(path), [round(value), ...others].join(' / ')]);
  }
  diversity.push([labels.nearDuplicateRate, percent(figures.nearDuplicateRate)]);
  if (figures.tooCloseToSeedRate !== undefined) {
    diversity.push([labels.tooCloseToSeed, percent(figures.tooCloseToSeedRate)]);
  }
  if (figures.seedCopyRate !== undefined) diversity.push([labels.seedCopy, percent(figures.seedCopyRate)]);
  if (stats.holdout) {
    diversity.push([labels.holdoutOverlap, `${percent(stats.holdout.rate)} (${stats.holdout.count})`]);
    const first = stats.holdout.examples[0];
    if (first) {
      const item = `${first.item}${first.id === undefined ? '' : ` (${first.id})`}`;
      diversity.push(['', labels.holdoutExample(first.index + 1, first.file, item, first.kind)]);
    }
  }
  for (const [field, value] of Object.entries(figures.lengthSpread)) {
    diversity.push([labels.lengthSpread(field), round(value)]);
  }
  for (const [field, value] of Object.entries(figures.valueSpread)) {
    diversity.push([labels.valueSpread(field), round(value)]);
  }
  const nearest = figures.nearestNeighbour;
  if (nearest) {
    diversity.push([
      labels.nearestNeighbour,
      labels.nearestNeighbourFigures(
        round(nearest.mean),
        round(nearest.p50),
        round(nearest.p90),
        round(nearest.max),
      ),
    ]);
  }
  const closest = stats.diversity.closestToSeed?.[0];
  if (closest) {
    diversity.push([
      labels.closestToSeed,
      labels.closestPair(closest.index + 1, closest.seedIndex + 1, round(closest.similarity)),
    ]);
  }
  return [
    `${labels.records}  ${stats.count}`,
    '',
    formatTable(header, rows),
    '',
    labels.diversity,
    formatRows(diversity.map(([label, value]) => [`  ${label}`, value] as const)),
  ].join('\n');
}

function formatValues(field: FieldStats, messages: Messages): string {
  if (!field.values || field.values.length === 0) return '';
  const shown = field.values.slice(0, SHOWN_VALUES).map((entry) => `${entry.value} ${entry.count}`);
  if (field.values.length > SHOWN_VALUES) shown.push(messages.stats.more(field.values.length - SHOWN_VALUES));
  return shown.join(', ');
}

/** Columns padded by display width; empty trailing columns are dropped. */
function formatTable(header: string[], rows: string[][]): string {
  const used = header.map((_, column) => column < 4 || rows.some((row) => (row[column] ?? '') !== ''));
  const all = [header, ...rows].map((row) => row.filter((_, column) => used[column]));
  const widths =
    all[0]?.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  return all
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : `${cell}${' '.repeat((widths[column] ?? 0) - displayWidth(cell))}`,
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The run manifest: SHA-256 of what the run was made from, one line each. */
export function formatManifest(manifest: RunManifest): string {
  const rows: [string, string][] = [
    ['schema', manifest.schema],
    ['seeds', manifest.seeds],
    ...(manifest.guidelines === undefined ? [] : [['guidelines', manifest.guidelines] as [string, string]]),
    ['settings', manifest.config],
  ];
  return `\n${formatTable(['made from', 'SHA-256'], rows)}`;
}

/** Records (and their cost) per value of a provenance key. */
export function formatProvenanceGroups(by: ProvenanceGroup, rows: readonly ProvenanceGroupRow[]): string {
  const header = [by, 'records', 'USD'];
  const body = rows.map((row) => [
    row.value,
    String(row.records),
    row.cost === undefined ? '' : `$${row.cost.toFixed(4)}`,
  ]);
  return `\n${formatTable(header, body)}`;
}
