import { DEFAULT_EXPECTED_YIELD } from '@datasynth/cost';

/** Where the online loop stands when it sizes its next call. */
export interface Shortfall {
  /** Records the run must reach. */
  target: number;
  /** Records accepted so far. */
  accepted: number;
  /** Records asked for by calls still in flight. */
  outstanding: number;
  /** Accepted ÷ asked for so far (see {@link observedYield}). */
  yield: number;
  /** Records per call. */
  batchSize: number;
}

/** The lowest yield planning assumes: a run that accepts almost nothing is stopped by `maxAttemptsFactor`. */
const LOWEST_PLANNED_YIELD = 0.1;

/**
 * Accepted ÷ asked for over the calls answered so far, or the 0.9 expected yield of the estimate
 * before any call was answered.
 */
export function observedYield(accepted: number, askedFor: number): number {
  if (askedFor <= 0) return DEFAULT_EXPECTED_YIELD;
  return Math.min(1, Math.max(LOWEST_PLANNED_YIELD, accepted / askedFor));
}

/**
 * Records to ask for in the next call (0: wait for the calls in flight). The shortfall S left after
 * the calls in flight deliver at the observed yield y is asked for as S ÷ y records in full batches.
 * While calls are in flight, a remainder of half a batch or more is rounded up to a full batch and a
 * smaller one waits for their answers; with nothing in flight, the whole S ÷ y is asked for as it is
 * (up to a batch). So no call is below half a batch unless the whole S ÷ y is: a top-up in calls of
 * two records pays the whole prompt for each, and a call of another size changes the
 * structured-output schema — part of the cached prompt prefix — so it writes the cache again.
 * Records past the target are kept as `surplus` rejects.
 */
export function nextCallSize(shortfall: Shortfall): number {
  const { outstanding, batchSize } = shortfall;
  // Records to ask for after counting the calls in flight.
  const needed = recordsToAskFor(shortfall) - outstanding;
  if (needed <= 0) return 0;
  if (outstanding === 0) return Math.min(batchSize, needed);
  return needed * 2 >= batchSize ? batchSize : 0;
}

/**
 * Records to ask for in a top-up round of provider batches: the shortfall S ÷ the yield y observed
 * in the rounds collected so far, in full batches of `batchSize` records. All
 * requests of a round are answered together and a round can wait up to a day, so a remainder is
 * rounded up to a full batch rather than left to another round; a whole S ÷ y under a batch is
 * asked for as it is. Records past the target are kept as `surplus` rejects.
 */
export function nextRoundSize(shortfall: Omit<Shortfall, 'outstanding'>): number {
  const { batchSize } = shortfall;
  const needed = recordsToAskFor(shortfall);
  if (needed <= batchSize) return needed;
  return Math.ceil(needed / batchSize) * batchSize;
}

/** The records missing from the target ÷ the yield, rounded up (rounding noise dropped; 0 once reached). */
function recordsToAskFor(shortfall: Pick<Shortfall, 'target' | 'accepted' | 'yield'>): number {
  const missing = shortfall.target - shortfall.accepted;
  return missing <= 0 ? 0 : Math.ceil(missing / shortfall.yield - 1e-9);
}
