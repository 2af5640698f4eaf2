import { describe, expect, it } from 'vitest';
import type { RunState } from './run-state.js';
import { RunTally } from './run-tally.js';

const identity = {
  schemaFingerprint: 'abc',
  model: 'claude-sonnet-4-6',
  provider: 'anthropic',
  targetCount: 10,
};
const usage = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});
const position = { seedOffset: 3, batchSize: 5 };

function earlierState(): RunState {
  const tally = new RunTally(identity, { judged: true });
  tally.restore(undefined, 0);
  tally.accepted = 4;
  tally.countReject('invalid');
  tally.countReject('duplicate-near');
  tally.duplicates.near = 1;
  tally.requests = 2;
  tally.countJudgeScore(4);
  tally.startCall(5);
  tally.meter.record('claude-sonnet-4-6', usage(1_000_000, 0));
  return tally.toState(position, { reason: 'cancelled' });
}

describe('RunTally — the one record of a run', () => {
  it('starts a new run from the records already in the output', () => {
    const tally = new RunTally(identity);
    tally.restore(undefined, 3);
    expect(tally.accepted).toBe(3);
    expect(tally.acceptedAtStart).toBe(3);
    expect(tally.funnel).toEqual({ requested: 0, parsed: 3, valid: 3, unique: 3, judged: 3 });
  });

  it('counts rejects by reason, but not duplicates (they have their own counters)', () => {
    const tally = new RunTally(identity);
    tally.countReject('invalid');
    tally.countReject('invalid');
    tally.countReject('duplicate-exact');
    expect(tally.rejected).toBe(2);
    expect(tally.rejectedByReason).toEqual({ invalid: 2 });
  });

  it('writes a state that restores every counter, usage and cost of the earlier sessions', () => {
    const state = earlierState();
    expect(state).toMatchObject({
      version: 1,
      schemaFingerprint: 'abc',
      accepted: 4,
      rejected: 1,
      rejectedByReason: { invalid: 1 },
      duplicates: { exact: 0, near: 1 },
      requests: 2,
      seedOffset: 3,
      batchSize: 5,
      stoppedBecause: 'cancelled',
      funnel: { requested: 5 },
      judgeScores: { '4': 1 },
      cost: 3,
    });

    const resumed = new RunTally(identity, { judged: true });
    resumed.restore(JSON.parse(JSON.stringify(state)) as RunState, 4);
    resumed.meter.record('claude-sonnet-4-6', usage(0, 100_000));
    const next = resumed.toState(position, undefined);
    expect(next.cost).toBeCloseTo(3 + 1.5, 9);
    expect(next.usage).toEqual(usage(1_000_000, 100_000));
    expect(next.costByModel?.['claude-sonnet-4-6']).toMatchObject({ calls: 2, cost: 4.5 });
    expect(next.rejectedByReason).toEqual({ invalid: 1 });
    expect(next).not.toHaveProperty('stoppedBecause');
  });

  it('keeps no judge scores in the state of a run without a judge', () => {
    const tally = new RunTally(identity);
    tally.restore(undefined, 0);
    tally.countJudgeScore(3);
    expect(tally.toState(position, undefined)).not.toHaveProperty('judgeScores');
  });

  it('reports progress of this session: cost, projection and ETA from the records it accepted', () => {
    const tally = new RunTally(identity);
    tally.restore(undefined, 2);
    expect(tally.toProgress()).toMatchObject({ accepted: 2, target: 10, cost: 0, etaMs: undefined });
    tally.accepted = 4;
    tally.meter.record('claude-sonnet-4-6', usage(100_000, 0));
    const progress = tally.toProgress({
      round: 1,
      batches: 1,
      requests: 2,
      processing: 1,
      succeeded: 1,
      errored: 0,
      expired: 0,
      canceled: 0,
    });
    expect(progress.cost).toBeCloseTo(0.3, 9);
    // 0.3 USD for 2 new records: 8 still to make in this session cost 1.2 in all.
    expect(progress.projectedCost).toBeCloseTo(1.2, 9);
    expect(progress.batch?.round).toBe(1);
  });

  it('reports an unpriced model as unknown cost, never as free', () => {
    const tally = new RunTally({ ...identity, model: 'my-local-model' });
    tally.restore(undefined, 0);
    tally.meter.record('my-local-model', usage(1000, 1000));
    expect(tally.toProgress().cost).toBeUndefined();
    expect(tally.totalCost()).toBeUndefined();
  });

  it('builds the result from its counters and the parts the run supplies', () => {
    const tally = new RunTally(identity);
    tally.restore(earlierState(), 4);
    tally.accepted = 10;
    const result = tally.toResult({
      stop: { reason: 'done' },
      outputPath: '/o.json',
      outputFormat: 'json',
      rejectsPath: '/r',
      journalPath: '/j',
      statePath: '/s',
      estimatedCost: 1,
      durationMs: 42,
      warnings: ['w'],
    });
    expect(result).toMatchObject({
      generatedCount: 10,
      newCount: 6,
      rejectedCount: 1,
      stoppedBecause: 'done',
      actualCost: 0,
      durationMs: 42,
      warnings: ['w'],
      model: 'claude-sonnet-4-6',
    });
    expect(result).not.toHaveProperty('stopMessage');
  });
});
