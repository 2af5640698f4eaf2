import { createHash } from 'node:crypto';
import { computeStats, type DatasetStats } from '../stats/index.js';
import type { RunState } from '../synthesizer/run-state.js';
import type { ReportContext } from './render-report.js';

/** A small record set with hostile text, a duplicate, enum targets and a full run part (for tests). */
export function reportFixture(): { stats: DatasetStats; context: ReportContext } {
  const schema = {
    fields: [
      { name: 'instruction', type: 'string' },
      { name: 'output', type: 'string' },
      {
        name: 'category',
        type: 'string',
        constraints: { enum: ['generation', 'classification', 'rewrite'] },
      },
    ],
  };
  const records = Array.from({ length: 40 }, (_, index) => ({
    instruction: `Question ${index}: ${createHash('sha256')
      .update(String(index))
      .digest('hex')
      .slice(0, 12 + (index % 5) * 12)}`,
    output:
      index === 3 ? '<script>alert("x")</script><img src="https://example.com/x.png">' : `Answer ${index}.`,
    category: index % 4 === 0 ? 'classification' : 'generation',
  }));
  records.push({ ...records[3]! });
  const seeds = [records[0]!, { instruction: 'Seed & <b>bold</b>', output: 'o', category: 'generation' }];
  const stats = computeStats(records, { schema, seeds });
  return {
    stats,
    context: {
      title: 'Report <test> & "quotes"',
      records,
      seeds,
      run: {
        model: 'claude-sonnet-4-6',
        provider: 'anthropic',
        targetCount: 41,
        accepted: 41,
        rejected: 7,
        rejectedByReason: { invalid: 4, 'judged-below-threshold': 3 },
        duplicates: { exact: 2, near: 3 },
        requests: 9,
        failedRequests: 0,
        usage: { inputTokens: 12000, outputTokens: 8000, cacheReadTokens: 30000, cacheWriteTokens: 2000 },
        cost: 0.1234,
        costByModel: {
          'claude-sonnet-4-6': {
            calls: 6,
            usage: { inputTokens: 10000, outputTokens: 7000, cacheReadTokens: 30000, cacheWriteTokens: 2000 },
            cost: 0.12,
          },
          'claude-haiku-4-5': {
            calls: 3,
            usage: { inputTokens: 2000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 },
            cost: 0.0034,
          },
        },
        funnel: { requested: 60, parsed: 56, valid: 52, unique: 47, judged: 41 },
        enumTargets: { category: { generation: 0.5, classification: 0.3, rewrite: 0.2 } },
        judgeScores: { '0': 3, '0.5': 10, '1': 31 },
        diversityTrail: {
          chunkSize: 10,
          points: [
            { accepted: 10, records: 10, distinct2: 0.52, duplicates: 3, nearDuplicateRate: 3 / 13 },
            { accepted: 20, records: 10, distinct2: 0.61, duplicates: 1, nearDuplicateRate: 1 / 11 },
            { accepted: 30, records: 10, distinct2: 0.66, duplicates: 1, nearDuplicateRate: 1 / 11 },
            { accepted: 40, records: 10, distinct2: 0.7, duplicates: 0, nearDuplicateRate: 0 },
            { accepted: 41, records: 1, duplicates: 0, nearDuplicateRate: 0 },
          ],
          target: { minDistinct2: 0.6 },
        },
        duplicateClusters: [
          {
            matchedId: 'SYNTH_0002',
            total: 2,
            duplicates: [
              { kind: 'near', similarity: 0.84, text: '</td><script>alert(1)</script>' },
              { kind: 'exact', similarity: 1, text: 'copy' },
            ],
          },
        ],
        stoppedBecause: 'done',
      },
    },
  };
}

/** The fixture's run as a saved run state, for tests that build the run part from a state (for tests). */
export function reportFixtureState(): RunState {
  const { run } = reportFixture().context;
  if (run === undefined) throw new Error('the report fixture has a run part');
  const {
    duplicateClusters: _clusters,
    contamination: _contamination,
    provenance: _provenance,
    ...counts
  } = run;
  return {
    ...counts,
    version: 1,
    schemaFingerprint: 'f',
    seedOffset: 0,
    batchSize: 10,
    updatedAt: '2026-12-06T20:00:00.000Z',
  };
}
