import { describe, expect, it } from 'vitest';
import { capStop, projectFinishingCap } from './cap-stop.js';
import type { RunState } from './run-state.js';
import { RunTally } from './run-tally.js';

const MODEL = 'claude-sonnet-4-6';

/** A run of 1000 records resumed with `accepted` records and `cost` USD spent before, plus `usage` now. */
function tallyAfter(accepted: number, cost: number, outputTokens = 0): RunTally {
  const tally = new RunTally({
    schemaFingerprint: 'f',
    model: MODEL,
    provider: 'anthropic',
    targetCount: 1000,
  });
  const zero = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const state = {
    accepted,
    rejected: 0,
    rejectedByReason: {},
    duplicates: { exact: 0, near: 0 },
    failedRequests: 0,
    requests: 10,
    usage: zero,
    cost,
    batches: [],
  };
  tally.restore(state as unknown as RunState, accepted);
  if (outputTokens > 0) tally.meter.record(MODEL, { ...zero, outputTokens });
  return tally;
}

describe('a stop by the cap', () => {
  it('projects the cap that finishes the run: spent + missing records at the cost per record + one call, a cent up', () => {
    // $0.49 for 400 records: 600 more at $0.001225 each is $0.735, plus $0.02 for the last call.
    expect(projectFinishingCap(tallyAfter(400, 0.49), 0.02)).toBe(1.25);
    // This session's spending counts too: $0.40 before + 20,000 output tokens at $15/M now.
    expect(projectFinishingCap(tallyAfter(500, 0.4, 20_000), 0)).toBeCloseTo(1.4, 10);
    expect(projectFinishingCap(tallyAfter(0, 0), 0.02)).toBeUndefined();
  });

  it('names the cap to resume with and says that it counts the whole run', () => {
    const stop = capStop(tallyAfter(400, 0.49), 0.5, 0.02);
    expect(stop).toEqual({
      reason: 'budget',
      message:
        'Stopped at the $0.5000 maxCost cap with 400 of 1000 records ($0.4900 spent). Resume with maxCost 1.25 to finish (the cap counts the whole run, $0.4900 spent so far).',
      suggestedMaxCost: 1.25,
    });
  });
});
