import type { RateLimitSnapshot } from '../spec/generate-result.js';

/** Drops undefined fields; undefined when nothing is left. */
export function compactSnapshot(snapshot: RateLimitSnapshot): RateLimitSnapshot | undefined {
  const compact: RateLimitSnapshot = {};
  for (const [key, value] of Object.entries(snapshot) as [keyof RateLimitSnapshot, unknown][]) {
    if (value !== undefined) (compact as Record<string, unknown>)[key] = value;
  }
  return Object.keys(compact).length > 0 ? compact : undefined;
}
