import type { FieldStats } from './dataset-stats.js';
import { histogram, summariseNumbers } from './number-summary.js';

/** The part of a schema field that statistics use (structurally compatible with `@datasynth/prompts`' FieldSpec). */
export interface StatsFieldSpec {
  name: string;
  type: string;
  constraints?: { enum?: readonly unknown[] };
}

const TYPE_ALIASES: Record<string, string> = {
  text: 'string',
  str: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  list: 'array',
  dict: 'object',
};

const MAX_CATEGORIES = 20;

/**
 * Statistics of one field over all records. `values[i]` is the field's value in record `i`
 * (`undefined` when absent).
 */
export function computeFieldStats(
  name: string,
  values: readonly unknown[],
  spec?: StatsFieldSpec,
): FieldStats {
  const present = values.filter((value) => value !== undefined && value !== null);
  const type = spec ? (TYPE_ALIASES[spec.type] ?? spec.type) : inferType(present);
  const stats: FieldStats = { name, type, present: present.length, missing: values.length - present.length };
  const isMixed = type === 'mixed';

  if (type === 'string' || isMixed) {
    const lengths = present.filter((value) => typeof value === 'string').map(codePointLength);
    if (lengths.length > 0) {
      const { min, max, mean, p50, p90 } = summariseNumbers(lengths);
      stats.length = { min, max, mean, p50, p90, histogram: histogram(lengths, min, max) };
    }
  }
  if (type === 'integer' || type === 'number' || isMixed) {
    const numbers = present.filter(
      (value): value is number => typeof value === 'number' && Number.isFinite(value),
    );
    if (numbers.length > 0) {
      const { min, max, mean } = summariseNumbers(numbers);
      stats.numeric = { min, max, mean, histogram: histogram(numbers, min, max) };
    }
  }
  if (type === 'array' || isMixed) {
    const lengths = present.filter(Array.isArray).map((value) => value.length);
    if (lengths.length > 0) {
      const { min, max, mean } = summariseNumbers(lengths);
      stats.listLength = { min, max, mean };
    }
  }
  const categories = categoryCounts(type, present, spec?.constraints?.enum);
  if (categories) stats.values = categories;
  return stats;
}

function categoryCounts(
  type: string,
  present: readonly unknown[],
  enumeration: readonly unknown[] | undefined,
): FieldStats['values'] {
  const hasEnum = enumeration !== undefined && enumeration.length > 0;
  if (!hasEnum && type !== 'boolean' && !(type === 'string' && isLowCardinality(present))) return undefined;
  const counts = new Map<string, number>();
  if (hasEnum) for (const member of enumeration) counts.set(categoryLabel(member), 0);
  for (const value of present) {
    const label = categoryLabel(value);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

// Few distinct values, each used at least twice on average: a category, not free text.
function isLowCardinality(present: readonly unknown[]): boolean {
  const distinct = new Set(present.filter((value) => typeof value === 'string'));
  return distinct.size > 0 && distinct.size <= MAX_CATEGORIES && distinct.size * 2 <= present.length;
}

function categoryLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function valueKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function inferType(present: readonly unknown[]): string {
  const kinds = new Set(present.map(valueKind));
  if (kinds.size === 0) return 'null';
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number';
  return kinds.size === 1 ? [...kinds][0]! : 'mixed';
}
