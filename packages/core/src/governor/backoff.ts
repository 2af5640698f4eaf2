/** Exponential backoff with full jitter: a random delay in [0, min(maxMs, baseMs · 2^attempt)]. */
export function backoffDelay(options: {
  attempt: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
}): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** options.attempt);
  return Math.round(options.random() * ceiling);
}
