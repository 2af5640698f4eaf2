import { CostError } from './cost-error.js';
import type { PricingEntry } from './model-price.js';
import { PRICING_TABLE } from './pricing-table.js';

/** Providers DataSynth picks a default model for. */
export type DefaultModelProvider = 'anthropic' | 'openai';

// claude-sonnet-5-5 → [5, 5]; claude-sonnet-5 → [5]; claude-3-7-sonnet → [3, 7].
const CLAUDE_SONNET = /^claude-(?:sonnet-(\d+)(?:-(\d+))?|(\d+)-(\d+)-sonnet)$/;
// gpt-6-luna → [6]; gpt-6.1-luna → [6, 1]. Luna is OpenAI's cost-sensitive, high-volume tier.
const OPENAI_LUNA = /^gpt-(\d+)(?:\.(\d+))?-luna$/;

/**
 * The model DataSynth uses for a provider when the user names none, chosen by rule from the
 * pricing table so that it moves with the table and never lands on a model `estimate` and
 * `maxCost` cannot price:
 *
 * - `anthropic`: the newest Claude Sonnet the table prices and does not mark deprecated (Sonnet is
 *   Anthropic's balanced tier; today `claude-sonnet-5-5`);
 * - `openai`: the newest-generation Luna the table prices and does not mark deprecated — the tier
 *   OpenAI recommends "for cost-sensitive, high-volume workloads"
 *   (https://developers.openai.com/api/docs/models, read 2026-12-06; today `gpt-6-luna`).
 *
 * "Newest" compares the version in the id (5.5 > 5 > 4.6), not release dates. A test checks that
 * the installed SDK lists the chosen id.
 */
export function defaultModelFor(provider: DefaultModelProvider): string {
  return defaultModelIn(PRICING_TABLE, provider);
}

/** {@link defaultModelFor}'s rule applied to any table (exported for its tests, not from the package). */
export function defaultModelIn(table: readonly PricingEntry[], provider: DefaultModelProvider): string {
  const pattern = provider === 'anthropic' ? CLAUDE_SONNET : provider === 'openai' ? OPENAI_LUNA : undefined;
  if (pattern === undefined) {
    throw new CostError(
      'invalid_argument',
      `No default model for provider "${String(provider)}"; use "anthropic" or "openai", or name a model.`,
    );
  }
  let best: { id: string; version: number[] } | undefined;
  for (const entry of table) {
    const version = candidateVersion(entry, provider, pattern);
    if (version !== undefined && (best === undefined || compareVersions(version, best.version) > 0)) {
      best = { id: entry.id, version };
    }
  }
  if (best === undefined) {
    // Unreachable while the table holds a current row of each tier; default-model.test.ts checks it.
    throw new Error(`The pricing table holds no current default-tier model for ${provider}.`);
  }
  return best.id;
}

function candidateVersion(
  entry: PricingEntry,
  provider: DefaultModelProvider,
  pattern: RegExp,
): number[] | undefined {
  if (entry.provider !== provider || entry.deprecated !== undefined) return undefined;
  const match = pattern.exec(entry.id);
  if (match === null) return undefined;
  return match
    .slice(1)
    .filter((part): part is string => part !== undefined)
    .map(Number);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
