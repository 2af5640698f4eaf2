import { InvalidArgumentError } from 'commander';

const WHOLE = /^\d+$/;
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** Parses a whole number ≥ 1 (`-n 0`, `-n -5`, `-n abc`, `-n 1.5` are refused, naming the flag). */
export function parsePositiveInteger(value: string): number {
  const number = WHOLE.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1)
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return number;
}

/** Parses a whole number ≥ 0. */
export function parseNonNegativeInteger(value: string): number {
  const number = WHOLE.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new InvalidArgumentError('Expected a whole number (0 or more).');
  return number;
}

/** Parses a plain decimal number (`0.8`, `2`, `.5`); ranges are checked against the config schema afterwards. */
export function parseDecimal(value: string): number {
  const number = DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new InvalidArgumentError('Expected a number, e.g. 0.8.');
  return number;
}

/** Parses a decimal number greater than 0 (`--batch-poll-interval -5` and `0` are refused, naming the flag). */
export function parsePositiveDecimal(value: string): number {
  const number = parseDecimal(value);
  if (number <= 0) throw new InvalidArgumentError('Expected a number greater than 0, e.g. 30.');
  return number;
}

/** Parses a positive amount of US dollars (`5`, `2.50`, `$2.50`). */
export function parseUsd(value: string): number {
  const number = parseDecimal(value.trim().replace(/^\$/, ''));
  if (number <= 0)
    throw new InvalidArgumentError('Expected an amount of US dollars greater than 0, e.g. 5 or 2.50.');
  return number;
}

/** Parses a positive number of seconds (`300`, `90.5`); `0`, negatives and words are refused. */
export function parsePositiveSeconds(value: string): number {
  const number = DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('Expected a number of seconds greater than 0, e.g. 300.');
  return number;
}

/** Parses `auto` or a whole number ≥ 1. */
export function parseConcurrency(value: string): number | 'auto' {
  if (value.trim().toLowerCase() === 'auto') return 'auto';
  try {
    return parsePositiveInteger(value);
  } catch {
    throw new InvalidArgumentError("Expected 'auto' or a whole number of at least 1.");
  }
}
