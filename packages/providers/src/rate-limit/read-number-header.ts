import type { HeaderSource } from './header-source.js';

/** A header as a finite non-negative number, or undefined. */
export function readNumberHeader(headers: HeaderSource, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
