/** One limit as reported: how much is left and when it resets. */
export interface LimitReset {
  remaining: number | undefined;
  resetMs: number | undefined;
}

/**
 * The reset that matters: the latest among exhausted limits (nothing can be sent before it),
 * otherwise the soonest one.
 */
export function combineReset(limits: LimitReset[]): number | undefined {
  const exhausted = limits.filter((limit) => limit.remaining === 0 && limit.resetMs !== undefined);
  if (exhausted.length > 0) return Math.max(...exhausted.map((limit) => limit.resetMs as number));
  const resets = limits.map((limit) => limit.resetMs).filter((reset): reset is number => reset !== undefined);
  return resets.length > 0 ? Math.min(...resets) : undefined;
}
