import type { SynthesisResult } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { CHINESE, ENGLISH } from '../i18n/messages.js';
import { formatRunSummary } from './run-summary.js';

const usage = (tokens: number) => ({
  inputTokens: tokens,
  outputTokens: tokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

function result(
  thisRun: { records: number; cost: number },
  whole: { records: number; cost: number },
): SynthesisResult {
  return {
    generatedCount: whole.records,
    targetCount: 300,
    newCount: thisRun.records,
    rejectedCount: 0,
    rejectedByReason: {},
    duplicates: { exact: 0, near: 0 },
    failedRequests: 0,
    requests: 30,
    usage: usage(1000),
    actualCost: thisRun.cost,
    estimatedCost: 1,
    durationMs: 1000,
    outputPath: 'out.jsonl',
    outputFormat: 'jsonl',
    rejectsPath: 'out.rejects.jsonl',
    journalPath: 'j',
    statePath: 's',
    funnel: { requested: 0, parsed: 0, valid: 0, unique: 0, judged: 0 },
    stoppedBecause: 'done',
    warnings: [],
    model: 'claude-sonnet-4-6',
    provider: 'anthropic',
    thisRun: { records: thisRun.records, usage: usage(1000), cost: thisRun.cost },
    wholeOutput: { records: whole.records, usage: usage(3000), cost: whole.cost },
  };
}

describe('the run summary', () => {
  it('after a resume, marks tokens and cost as this run and adds the whole output so far', () => {
    const summary = formatRunSummary(
      result({ records: 220, cost: 0.81 }, { records: 300, cost: 1.1 }),
      ENGLISH,
    );
    expect(summary).toMatch(/Generated\s+300\/300 \(220 new in this run\)/);
    expect(summary).toMatch(/Tokens \(this run\)\s+1.00k in, 1.00k out/);
    expect(summary).toMatch(/Actual cost \(this run\)\s+\$0\.8100/);
    expect(summary).toMatch(/Whole output so far\s+300 records, 6.00k tokens, \$1\.10/);
    expect(
      formatRunSummary(result({ records: 220, cost: 0.81 }, { records: 300, cost: 1.1 }), CHINESE),
    ).toContain('整个输出累计');
  });

  it("words core's stop message with the flags of the settings it names", () => {
    const stopped = {
      ...result({ records: 300, cost: 0.49 }, { records: 300, cost: 0.49 }),
      stoppedBecause: 'budget' as const,
      stopMessage: 'Stopped at the $0.5000 maxCost cap. Resume with maxCost 1.25 to finish.',
    };
    expect(formatRunSummary(stopped, ENGLISH)).toContain(
      'budget: Stopped at the $0.5000 maxCost (--max-cost) cap. Resume with maxCost (--max-cost) 1.25 to finish.',
    );
  });

  it('a single run shows one set of figures', () => {
    const summary = formatRunSummary(
      result({ records: 300, cost: 1.1 }, { records: 300, cost: 1.1 }),
      ENGLISH,
    );
    expect(summary).not.toContain('this run)');
    expect(summary).not.toContain('Whole output');
  });
});
