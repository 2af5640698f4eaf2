import type { SynthesisProgress } from '@datasynth/core';
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, describeProgress } from './progress-reporter.js';

function progress(accepted: number, overrides: Partial<SynthesisProgress> = {}): SynthesisProgress {
  return {
    accepted,
    target: 10,
    rejected: 1,
    duplicates: { exact: 1, near: 0 },
    failedRequests: 0,
    requests: 2,
    usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0 },
    cost: 0.0042,
    projectedCost: 0.014,
    elapsedMs: 1000,
    etaMs: 4000,
    ...overrides,
  };
}

function collector() {
  const sent: ServerNotification[] = [];
  return { sent, sendNotification: async (notification: ServerNotification) => void sent.push(notification) };
}

describe('createProgressReporter', () => {
  it('does nothing without a progress token', () => {
    const channel = collector();
    createProgressReporter(channel)({ type: 'progress', progress: progress(3) });
    expect(channel.sent).toEqual([]);
  });

  it('sends increasing progress with the target as total, spaced out, and always the final count', () => {
    const channel = { ...collector(), _meta: { progressToken: 'tok' } };
    const report = createProgressReporter(channel);
    report({
      type: 'start',
      target: 10,
      alreadyAccepted: 2,
      model: 'claude-sonnet-4-6',
      provider: 'anthropic',
      output: '/r/out.json',
      batchSize: 5,
      estimatedCost: 0.02,
    });
    report({ type: 'progress', progress: progress(4) }); // too soon after start: skipped
    report({ type: 'progress', progress: progress(2) }); // not an increase: skipped
    report({ type: 'progress', progress: progress(10) }); // the target: always sent
    const params = channel.sent.map((notification) => notification.params as Record<string, unknown>);
    expect(params.map((entry) => [entry.progressToken, entry.progress, entry.total])).toEqual([
      ['tok', 2, 10],
      ['tok', 10, 10],
    ]);
    expect(params[0]?.message).toBe(
      'Started: 2/10 records, claude-sonnet-4-6 (anthropic), batches of 5, estimated $0.0200.',
    );
    expect(channel.sent.every((notification) => notification.method === 'notifications/progress')).toBe(true);
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
});
