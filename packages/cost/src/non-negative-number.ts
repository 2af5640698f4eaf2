import { CostError } from './cost-error.js';

/** Throws a `CostError` unless `value` is a finite number ≥ 0; returns it otherwise. */
export function requireNonNegativeNumber(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CostError('invalid_argument', `${name} must be a finite number ≥ 0, got ${String(value)}.`);
  }
  return value;
}
