import type { RateLimitSnapshot } from '../spec/generate-result.js';

/** Drops undefined fields; undefined when nothing is left. */
export function compactSnapshot(snapshot: RateLimitSnapshot): RateLimitSnapshot | undefined {
  const compact: RateLimitSnapshot = {};
  for (const [key, value] of Object.entries(snapshot) as [keyof RateLimitSnapshot, number | undefined][]) {
    if (value !== undefined) compact[key] = value;
  }
  return Object.keys(compact).length > 0 ? compact : undefined;
}
