import type { SynthesisResult } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { describeRunResult, toRunResult } from './run-result.js';

const usage = (tokens: number) => ({
  inputTokens: tokens,
  outputTokens: tokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

/** A run resumed once and stopped again by its cap: 120 records now, 400 in the output, $0.49 over both. */
const capped: SynthesisResult = {
  generatedCount: 400,
  targetCount: 1000,
  newCount: 120,
  rejectedCount: 0,
  rejectedByReason: {},
  duplicates: { exact: 0, near: 0 },
  failedRequests: 0,
  requests: 40,
  usage: usage(1000),
  actualCost: 0.15,
  estimatedCost: undefined,
  durationMs: 1000,
  outputPath: '/r/out.jsonl',
  outputFormat: 'jsonl',
  rejectsPath: '/r/out.rejects.jsonl',
  journalPath: '/r/j',
  statePath: '/r/s',
  funnel: { requested: 0, parsed: 0, valid: 0, unique: 0, judged: 0 },
  stoppedBecause: 'budget',
  stopMessage:
    'Stopped at the $0.5000 maxCost cap with 400 of 1000 records ($0.4900 spent). Resume with maxCost 1.25 to finish (the cap counts the whole run, $0.4900 spent so far).',
  suggestedMaxCost: 1.25,
  warnings: [],
  model: 'claude-sonnet-4-6',
  provider: 'anthropic',
  thisRun: { records: 120, usage: usage(1000), cost: 0.15 },
  wholeOutput: { records: 400, usage: usage(4000), cost: 0.49 },
};

describe('an ended run, for MCP clients', () => {
  it('gives this run and the whole output apart, and the max_cost that finishes a run stopped by its cap', () => {
    const result = toRunResult(capped);
    expect(result.this_run).toMatchObject({ records: 120, cost_usd: 0.15 });
    expect(result.whole_output).toMatchObject({
      records: 400,
      cost_usd: 0.49,
      usage: { input_tokens: 4000 },
    });
    expect(result.suggested_max_cost).toBe(1.25);
    expect(result.stop_message).toContain(
      'Resume with max_cost 1.25 to finish (the cap counts the whole run',
    );
    expect(describeRunResult(capped)).toContain(
      'Call synthesize_data again with resume: true and max_cost: 1.25 to finish.',
    );
    expect(toRunResult({ ...capped, suggestedMaxCost: undefined }).suggested_max_cost).toBeNull();
  });
});
