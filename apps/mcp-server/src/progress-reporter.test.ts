import type { SynthesisEvent, SynthesisProgress } from '@datasynth/core';
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressReporter, describeProgress } from './progress-reporter.js';

function progress(accepted: number, overrides: Partial<SynthesisProgress> = {}): SynthesisProgress {
  return {
    accepted,
    target: 10,
    rejected: 1,
    duplicates: { exact: 1, near: 0 },
    failedRequests: 0,
    requests: 2,
    inFlight: 0,
    retries: 0,
    usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0 },
    cost: 0.0042,
    projectedCost: 0.014,
    elapsedMs: 1000,
    etaMs: 4000,
    ...overrides,
  };
}

const START: SynthesisEvent = {
  type: 'start',
  target: 10,
  alreadyAccepted: 2,
  model: 'claude-sonnet-4-6',
  provider: 'anthropic',
  output: '/r/out.json',
  batchSize: 5,
  estimatedCost: 0.02,
};

function collector() {
  const sent: ServerNotification[] = [];
  return {
    sent,
    _meta: { progressToken: 'tok' },
    sendNotification: async (notification: ServerNotification) => void sent.push(notification),
    params: () => sent.map((notification) => notification.params as Record<string, unknown>),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createProgressReporter', () => {
  it('does nothing without a progress token', () => {
    const sent: ServerNotification[] = [];
    const reporter = createProgressReporter({ sendNotification: async (n) => void sent.push(n) });
    reporter.report({ type: 'progress', progress: progress(3) });
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
  });

  it('sends every change, spaced out, with the target as total and the final count at once', () => {
    const channel = collector();
    const reporter = createProgressReporter(channel);
    reporter.report(START);
    reporter.report({ type: 'progress', progress: progress(4) }); // too soon: sent when the interval ends
    reporter.report({ type: 'progress', progress: progress(5) }); // replaces it before it goes
    expect(channel.params().map((entry) => entry.progress)).toEqual([2]);
    vi.advanceTimersByTime(250);
    reporter.report({ type: 'progress', progress: progress(10) }); // the target: always sent at once
    expect(channel.params().map((entry) => [entry.progressToken, entry.progress, entry.total])).toEqual([
      ['tok', 2, 10],
      ['tok', 5, 10],
      ['tok', 10, 10],
    ]);
    expect(channel.params()[0]?.message).toBe(
      'Started: 2/10 records, claude-sonnet-4-6 (anthropic), batches of 5, estimated $0.0200.',
    );
    expect(channel.sent.every((notification) => notification.method === 'notifications/progress')).toBe(true);
    // A call still in flight at the target brings only surplus records: no progress past the total.
    vi.advanceTimersByTime(250);
    reporter.report({ type: 'progress', progress: progress(10, { rejected: 4 }) });
    expect(channel.params().at(-1)?.progress).toBe(10);
    reporter.close();
  });

  it('keeps a silent call alive with heartbeats whose progress still increases, until closed', () => {
    const channel = collector();
    const reporter = createProgressReporter(channel, { total: 10, heartbeatMs: 3000 });
    reporter.note('Waiting for the user to confirm the estimate.');
    reporter.report(START);
    vi.advanceTimersByTime(9_000);
    reporter.report({ type: 'progress', progress: progress(2, { rejected: 3 }) }); // a change without a new record
    vi.advanceTimersByTime(250);
    reporter.report({ type: 'progress', progress: progress(3) });
    vi.advanceTimersByTime(250);
    const values = channel.params().map((entry) => entry.progress as number);
    expect(values.length).toBeGreaterThanOrEqual(6);
    for (let index = 1; index < values.length; index++) {
      expect(values[index]).toBeGreaterThan(values[index - 1] as number);
    }
    // the whole part is the record count: 2 during the heartbeats, then 3
    expect(values.slice(1, -1).every((value) => Math.floor(value) === 2)).toBe(true);
    expect(values.at(-1)).toBe(3);
    const count = channel.sent.length;
    reporter.close();
    vi.advanceTimersByTime(30_000);
    expect(channel.sent).toHaveLength(count);
  });

  it('stops the heartbeat once the run has finished', () => {
    const channel = collector();
    const reporter = createProgressReporter(channel, { heartbeatMs: 3000 });
    reporter.report(START);
    reporter.report({ type: 'progress', progress: progress(10) });
    const count = channel.sent.length;
    reporter.report({ type: 'finished', result: { generatedCount: 10, targetCount: 10 } as never });
    vi.advanceTimersByTime(30_000);
    expect(channel.sent).toHaveLength(count);
    reporter.close();
  });
});

describe('describeProgress', () => {
  it('names accepted/target, rejects, duplicates, cost so far and time left', () => {
    expect(describeProgress(progress(3))).toBe(
      '3/10 accepted, 1 rejected, 1 duplicate, $0.0042 so far (projected $0.0140), about 4 s left',
    );
    expect(describeProgress(progress(10, { cost: undefined, projectedCost: undefined }))).toBe(
      '10/10 accepted, 1 rejected, 1 duplicate, cost unknown (unpriced model)',
    );
  });

  it('names the calls in flight and the retries, when there are any', () => {
    expect(describeProgress(progress(3, { inFlight: 2, retries: 1 }))).toBe(
      '3/10 accepted, 1 rejected, 1 duplicate, 2 in flight, 1 retry, $0.0042 so far (projected $0.0140), about 4 s left',
    );
  });

  it('names the limits calls are paced at and where each came from, in setting words', () => {
    const pacing = {
      requests: { perMinute: 60, source: 'setting' as const },
      outputTokens: { perMinute: 8_000, source: 'headers' as const },
    };
    expect(describeProgress(progress(3, { pacing }))).toBe(
      '3/10 accepted, 1 rejected, 1 duplicate, paced at 60 rpm (setting rpm), 8000 output tpm (server headers), $0.0042 so far (projected $0.0140), about 4 s left',
    );
  });
});
