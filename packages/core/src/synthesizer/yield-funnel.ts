/**
 * How many records survived each stage of the pipeline, over the whole run (sessions before a
 * resume included): asked for → parsed out of replies → valid for the schema → unique (not a
 * duplicate, not past the target) → kept by the judge (equal to `unique` when no judge runs).
 */
export interface YieldFunnel {
  requested: number;
  parsed: number;
  valid: number;
  unique: number;
  judged: number;
}

/** A funnel with every stage at 0. */
export function emptyFunnel(): YieldFunnel {
  return { requested: 0, parsed: 0, valid: 0, unique: 0, judged: 0 };
}
