import { CostError } from './cost-error.js';
import type { ModelPrice, PricingEntry } from './model-price.js';

/** A user-supplied price for one model: input and output are required, the rest optional. */
export type PriceOverride = Partial<ModelPrice> & { input: number; output: number };

/**
 * Prices from configuration, keyed by model id (matched before the built-in table, so an
 * override also replaces a built-in price). USD per million tokens, like {@link ModelPrice}.
 */
export type PriceOverrides = Record<string, PriceOverride>;

const PRICE_FIELDS = new Set(['input', 'output', 'cacheWrite', 'cacheRead', 'batchDiscount']);
const validated = new WeakSet<object>();

/**
 * Checks overrides read from configuration and returns them typed. Throws one `CostError`
 * (`invalid_price_override`) listing every problem, e.g. a missing output price, a negative
 * number, a batch discount outside (0, 1] or a misspelled field.
 */
export function validatePriceOverrides(value: unknown): PriceOverrides {
  if (typeof value === 'object' && value !== null && validated.has(value)) {
    return value as PriceOverrides;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CostError(
      'invalid_price_override',
      'Price overrides must be an object mapping model ids to { input, output } prices in USD per million tokens.',
    );
  }
  const problems: string[] = [];
  for (const [modelId, price] of Object.entries(value)) {
    const where = `price override "${modelId}"`;
    if (modelId.trim() === '') {
      problems.push('a price override has an empty model id');
    }
    if (typeof price !== 'object' || price === null || Array.isArray(price)) {
      problems.push(`${where} must be an object like { "input": 3, "output": 15 }`);
      continue;
    }
    const fields = price as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!PRICE_FIELDS.has(key)) {
        problems.push(
          `${where} has an unknown field "${key}" (allowed: input, output, cacheWrite, cacheRead, batchDiscount)`,
        );
      }
    }
    for (const key of ['input', 'output'] as const) {
      if (fields[key] === undefined) {
        problems.push(`${where} is missing "${key}" (USD per million tokens)`);
      }
    }
    for (const key of ['input', 'output', 'cacheWrite', 'cacheRead'] as const) {
      const field = fields[key];
      if (field !== undefined && !isNonNegativeFinite(field)) {
        problems.push(
          `${where}: "${key}" must be a number ≥ 0 (USD per million tokens), got ${describe(field)}`,
        );
      }
    }
    const discount = fields.batchDiscount;
    if (discount !== undefined && !(isNonNegativeFinite(discount) && discount > 0 && discount <= 1)) {
      problems.push(
        `${where}: "batchDiscount" must be a multiplier in (0, 1], e.g. 0.5 for half price, got ${describe(discount)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CostError('invalid_price_override', `Invalid price overrides: ${problems.join('; ')}.`);
  }
  validated.add(value);
  return value as PriceOverrides;
}

/**
 * Turns an override into a full price. Missing cache prices keep the built-in entry's ratios to
 * input when the model is in the table; otherwise they assume no discount and the largest
 * common write premium (1.25 ×), and no batch discount, so estimates err on the high side.
 */
export function resolveOverride(override: PriceOverride, builtIn: PricingEntry | undefined): ModelPrice {
  const { input, output } = override;
  if (builtIn !== undefined) {
    const ratio = (part: number) => (builtIn.input > 0 ? part / builtIn.input : 1);
    return {
      input,
      output,
      cacheWrite: override.cacheWrite ?? input * ratio(builtIn.cacheWrite),
      cacheRead: override.cacheRead ?? input * ratio(builtIn.cacheRead),
      batchDiscount: override.batchDiscount ?? builtIn.batchDiscount,
    };
  }
  return {
    input,
    output,
    cacheWrite: override.cacheWrite ?? input * 1.25,
    cacheRead: override.cacheRead ?? input,
    batchDiscount: override.batchDiscount ?? 1,
  };
}

function isNonNegativeFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
