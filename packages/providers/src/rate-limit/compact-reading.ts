import type { RateLimitReading, RateLimitReadings } from '../spec/generate-result.js';

/** Drops undefined fields of a reading; undefined when nothing is left. */
function compactReading(reading: RateLimitReading): RateLimitReading | undefined {
  const compact: RateLimitReading = {};
  if (reading.limit !== undefined) compact.limit = reading.limit;
  if (reading.remaining !== undefined) compact.remaining = reading.remaining;
  if (reading.resetMs !== undefined) compact.resetMs = reading.resetMs;
  return Object.keys(compact).length > 0 ? compact : undefined;
}

/** Drops empty readings; undefined when none is left. */
export function compactReadings(
  readings: Record<keyof RateLimitReadings, RateLimitReading>,
): RateLimitReadings | undefined {
  const compact: RateLimitReadings = {};
  for (const [kind, reading] of Object.entries(readings) as [keyof RateLimitReadings, RateLimitReading][]) {
    const kept = compactReading(reading);
    if (kept) compact[kind] = kept;
  }
  return Object.keys(compact).length > 0 ? compact : undefined;
}
