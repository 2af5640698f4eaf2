/**
 * Exponential backoff with jitter: a random delay in [floor · c, c] for c = min(maxMs, baseMs · 2^attempt).
 * `floorShare` 0 (the default) is full jitter; a timeout uses a floor (see `Governor`) so the retry
 * never lands at once on a server still busy with the call that was abandoned.
 */
export function backoffDelay(options: {
  attempt: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
  floorShare?: number;
}): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** options.attempt);
  const floor = Math.min(1, Math.max(0, options.floorShare ?? 0)) * ceiling;
  return Math.round(floor + options.random() * (ceiling - floor));
}
