/** Significant digits kept: beyond them a reply shows only floating-point noise (`0.0006529999999999999`). */
const SIGNIFICANT_DIGITS = 8;

/**
 * A copy of `value` with every fractional number rounded to {@link SIGNIFICANT_DIGITS} significant
 * digits (`0.0006529999999999999` → `0.000653`); integers, strings and the shape stay as they are.
 */
export function roundNumbers<T>(value: T): T {
  return roundValue(value) as T;
}

function roundValue(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Number.isInteger(value)
      ? Number(value.toPrecision(SIGNIFICANT_DIGITS))
      : value;
  }
  if (Array.isArray(value)) return value.map(roundValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, roundValue(entry)]));
  }
  return value;
}
