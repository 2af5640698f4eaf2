import { formatUsd } from '@datasynth/cost';
import type { RunStop, RunTally } from './run-tally.js';

/**
 * The `maxCost` that can finish a run stopped by its cap: what the whole run has spent, plus the
 * records still missing at the whole run's cost per accepted record, plus the worst case of one call
 * (what the cap holds back for the last call), rounded up to a cent. Undefined before any record
 * was accepted or while any part of the run is unpriced: nothing to project from.
 */
export function projectFinishingCap(tally: RunTally, oneCallWorstCase: number): number | undefined {
  const spent = tally.totalCost();
  if (spent === undefined || tally.accepted <= 0) return undefined;
  const missing = Math.max(0, tally.identity.targetCount - tally.accepted);
  const projected = spent + (missing * spent) / tally.accepted + oneCallWorstCase;
  // A cent up: 1.1200000001 must not print as 1.13, so the float noise is dropped first.
  return Math.max(0.01, Math.ceil(Math.round(projected * 1e6) / 1e4) / 100);
}

/**
 * A stop by the cap (or, `alreadySpent`, a resume whose cap earlier sessions have spent): what the
 * run reached and what it spent, and — when it can be projected — the
 * `maxCost` to resume with, saying that the cap counts the whole run (sessions before a resume
 * included), so repeating the same cap would stop again at once.
 */
export function capStop(
  tally: RunTally,
  maxCost: number,
  oneCallWorstCase: number,
  options: { alreadySpent?: boolean } = {},
): RunStop {
  const spent = tally.totalCost() ?? 0;
  const cap = formatUsd(maxCost);
  const reached = options.alreadySpent
    ? `This run has already spent ${formatUsd(spent)} of its ${cap} maxCost cap.`
    : `Stopped at the ${cap} maxCost cap with ${tally.accepted} of ${tally.identity.targetCount} records (${formatUsd(spent)} spent).`;
  const suggested = projectFinishingCap(tally, oneCallWorstCase);
  if (suggested === undefined) {
    return { reason: 'budget', message: `${reached} Resume with a higher maxCost to continue.` };
  }
  return {
    reason: 'budget',
    message: `${reached} Resume with maxCost ${suggested.toFixed(2)} to finish (the cap counts the whole run, ${formatUsd(spent)} spent so far).`,
    suggestedMaxCost: suggested,
  };
}
