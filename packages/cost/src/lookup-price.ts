import { bareModelId, undatedModelId } from './model-id.js';
import type { ModelPrice, PricingEntry, PricingProvider } from './model-price.js';
import { type PriceOverrides, resolveOverride, validatePriceOverrides } from './price-overrides.js';
import { PRICING_TABLE } from './pricing-table.js';

/** The price found for a model id, and how it was found. */
export interface PriceLookup {
  price: ModelPrice;
  /** The table id or override key that matched. */
  matchedId: string;
  /**
   * `exact`: the id (or a documented alias) is in the table; `snapshot`: a dated snapshot of a
   * table id; `family`: a `-latest`, `[1m]` or `:variant` form of a table id; `override`: a
   * price from configuration.
   */
  match: 'exact' | 'snapshot' | 'family' | 'override';
  /** Who serves the model, when known from the table or the id. */
  provider?: PricingProvider;
  /** The table row behind the price; absent for an override of a model the table does not know. */
  entry?: PricingEntry;
}

// Only suffixes that name the same model at the same price; never strip arbitrary segments
// (gpt-5.2-pro is not gpt-5.2 at 12× the price).
const FAMILY_SUFFIXES = [/-chat-latest$/, /-latest$/, /\[[^\]]*\]$/, /:[a-z0-9._-]+$/];

let tableIndex: Map<string, PricingEntry> | undefined;

function index(): Map<string, PricingEntry> {
  if (tableIndex === undefined) {
    tableIndex = new Map();
    for (const entry of PRICING_TABLE) {
      tableIndex.set(entry.id, entry);
      for (const alias of entry.aliases ?? []) {
        tableIndex.set(alias, entry);
      }
    }
  }
  return tableIndex;
}

/** The built-in pricing table (see the README for sources and the date it was checked). */
export function listPrices(): readonly PricingEntry[] {
  return PRICING_TABLE;
}

/**
 * Finds the price of a model. Tries, in order: configured overrides, the exact id, a dated
 * snapshot of a known id (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`), then a family
 * form (`claude-sonnet-4-5-latest`, `claude-sonnet-5-5[1m]`). Provider prefixes such as
 * `anthropic:` or `openai/` are ignored. Returns `undefined` for an unknown model — there is
 * no default price; callers should warn and ask for an override.
 *
 * Throws a `CostError` when `overrides` is malformed.
 */
export function lookupPrice(
  modelId: string,
  options?: { overrides?: PriceOverrides },
): PriceLookup | undefined {
  const overrides = options?.overrides === undefined ? undefined : validatePriceOverrides(options.overrides);
  const candidates = candidateIds(modelId);

  if (overrides !== undefined) {
    const byLowerCase = new Map(Object.keys(overrides).map((key) => [key.trim().toLowerCase(), key]));
    for (const candidate of [modelId.trim().toLowerCase(), ...candidates.map((c) => c.id)]) {
      const key = byLowerCase.get(candidate);
      const override = key === undefined ? undefined : overrides[key];
      if (key !== undefined && override !== undefined) {
        const builtIn = lookupInTable(candidates);
        const entry = builtIn?.entry;
        const provider = entry?.provider ?? inferProvider(candidate);
        return {
          price: resolveOverride(override, entry),
          matchedId: key,
          match: 'override',
          ...(provider === undefined ? {} : { provider }),
          ...(entry === undefined ? {} : { entry }),
        };
      }
    }
  }
  return lookupInTable(candidates);
}

interface Candidate {
  id: string;
  match: 'exact' | 'snapshot' | 'family';
}

function lookupInTable(candidates: readonly Candidate[]): PriceLookup | undefined {
  const table = index();
  for (const candidate of candidates) {
    const entry = table.get(candidate.id);
    if (entry !== undefined) {
      return {
        price: priceOf(entry),
        matchedId: entry.id,
        match: candidate.match,
        provider: entry.provider,
        entry,
      };
    }
  }
  return undefined;
}

/** Normalised forms of an id, most specific first. */
function candidateIds(modelId: string): Candidate[] {
  const base = bareModelId(modelId);
  const candidates: Candidate[] = [{ id: base, match: 'exact' }];
  const undated = undatedModelId(base);
  if (undated !== base) {
    candidates.push({ id: undated, match: 'snapshot' });
  }
  let family = base;
  for (let round = 0; round < 3; round += 1) {
    const before = family;
    for (const suffix of FAMILY_SUFFIXES) {
      family = family.replace(suffix, '');
    }
    if (family === before) break;
    candidates.push({ id: family, match: 'family' });
    const familyUndated = undatedModelId(family);
    if (familyUndated !== family) {
      candidates.push({ id: familyUndated, match: 'family' });
    }
  }
  return candidates.filter((candidate) => candidate.id !== '');
}

function priceOf(entry: PricingEntry): ModelPrice {
  return {
    input: entry.input,
    output: entry.output,
    cacheWrite: entry.cacheWrite,
    cacheRead: entry.cacheRead,
    batchDiscount: entry.batchDiscount,
  };
}

function inferProvider(modelId: string): PricingProvider | undefined {
  if (modelId.startsWith('claude')) return 'anthropic';
  if (/^(?:gpt-|chatgpt-|o\d)/.test(modelId)) return 'openai';
  if (modelId.startsWith('deepseek')) return 'deepseek';
  if (modelId.startsWith('qwen')) return 'dashscope';
  return undefined;
}
