import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CostError } from './cost-error.js';
import { countTokens } from './count-tokens.js';
import { estimateRun } from './estimate-run.js';

// Claude Sonnet 5: $2 input, $10 output, $2.50 cache write, $0.20 cache read, batch ×0.5, caches from 1024 tokens.
const plan = {
  model: 'claude-sonnet-5',
  count: 1_000,
  batchSize: 20,
  expectedYield: 0.8,
  stablePromptTokens: 3_000,
  varyingPromptTokens: 500,
  outputTokensPerRecord: 200,
};

describe('estimateRun', () => {
  it('matches a hand computation', () => {
    const estimate = estimateRun(plan);
    // batches = ⌈1000 ÷ (20 × 0.8)⌉ = ⌈62.5⌉ = 63; output = ⌈1000 ÷ 0.8⌉ × 200 = 1250 × 200 = 250000
    expect(estimate).toMatchObject({
      priced: true,
      count: 1_000,
      batches: 63,
      requests: 63,
      outputTokens: 250_000,
    });
    // Caching: 63 × 500 = 31500 uncached input, one write of 3000, 62 × 3000 = 186000 reads
    expect(estimate).toMatchObject({
      inputTokens: 31_500,
      cacheWriteTokens: 3_000,
      cacheReadTokens: 186_000,
    });
    // No caching: 63 × 3500 = 220500 × $2 + 250000 × $10 = 441000 + 2500000 µ$ = $2.941
    expect(estimate.cost.noCaching).toBeCloseTo(2.941, 9);
    // With caching: 31500×2 + 3000×2.5 + 186000×0.2 + 250000×10 = 63000 + 7500 + 37200 + 2500000 µ$ = $2.6077
    expect(estimate.cost.withCaching).toBeCloseTo(2.6077, 9);
    expect(estimate.cost.batchApi).toBeCloseTo(1.4705, 9);
    expect(estimate.cost.batchApiWithCaching).toBeCloseTo(1.30385, 9);
    expect(estimate.cost.chosen).toBeCloseTo(2.6077, 9);
    expect(estimate.cost.perRecord).toBeCloseTo(0.0026077, 12);
    expect(estimate.warnings).toEqual([]);
    expect(estimate.estimatedSeconds).toBeUndefined();
  });

  it('counts one cache write per concurrent first request and estimates the duration', () => {
    const estimate = estimateRun({
      ...plan,
      throughput: { concurrency: 4, latencyMs: 30_000, requestsPerMinute: 10 },
    });
    // 4 writes × 3000 = 12000, 59 reads × 3000 = 177000
    expect(estimate.cacheWriteTokens).toBe(12_000);
    expect(estimate.cacheReadTokens).toBe(177_000);
    // 31500×2 + 12000×2.5 + 177000×0.2 + 2500000 = 63000 + 30000 + 35400 + 2500000 µ$ = $2.6284
    expect(estimate.cost.withCaching).toBeCloseTo(2.6284, 9);
    // ⌈63 ÷ 4⌉ × 30 s = 480 s; the rate limit allows 63 ÷ 10 × 60 = 378 s; the slower wins
    expect(estimate.estimatedSeconds).toBe(480);
    expect(estimateRun({ ...plan, throughput: { requestsPerMinute: 6 } }).estimatedSeconds).toBeCloseTo(
      630,
      9,
    );
  });

  it('honours caching: false and reports uncached tokens', () => {
    const estimate = estimateRun({ ...plan, caching: false });
    expect(estimate).toMatchObject({ inputTokens: 220_500, cacheWriteTokens: 0, cacheReadTokens: 0 });
    expect(estimate.cost.chosen).toBeCloseTo(2.941, 9);
  });

  it('does not count on caching below the model minimum, and says so', () => {
    const estimate = estimateRun({ ...plan, stablePromptTokens: 500 });
    expect(estimate.cost.withCaching).toBe(estimate.cost.noCaching);
    expect(estimate.cacheReadTokens).toBe(0);
    expect(estimate.warnings.join('\n')).toMatch(/500 tokens\) is shorter than the 1024 tokens/);
  });

  it('prices OpenAI cache writes at plain input and reads at the cached price (gpt-4.1: $2 in, $0.50 cached, $8 out)', () => {
    const estimate = estimateRun({ ...plan, model: 'gpt-4.1' });
    // 31500×2 + 3000×2 + 186000×0.5 + 250000×8 = 63000 + 6000 + 93000 + 2000000 µ$ = $2.162
    expect(estimate.cost.withCaching).toBeCloseTo(2.162, 9);
  });

  it('chooses the batch figure with a best-case caching note and no duration', () => {
    const estimate = estimateRun({ ...plan, batchApi: true, throughput: { requestsPerMinute: 100 } });
    expect(estimate.cost.chosen).toBeCloseTo(1.30385, 9);
    expect(estimate.estimatedSeconds).toBeUndefined();
    expect(estimate.warnings.join('\n')).toMatch(/more than 5 minutes apart/);
    const noDiscount = estimateRun({ ...plan, model: 'deepseek-flash', batchApi: true });
    expect(noDiscount.cost.batchApi).toBe(noDiscount.cost.noCaching);
    expect(noDiscount.warnings.join('\n')).toMatch(/No batch discount is known/);
  });

  it('estimates tokens but no cost for an unpriced model, and prices it once overridden', () => {
    const unpriced = estimateRun({ ...plan, model: 'llama-3.1-70b' });
    expect(unpriced.priced).toBe(false);
    expect(unpriced.cost).toEqual({});
    expect(unpriced.batches).toBe(63);
    expect(unpriced.warnings.join('\n')).toMatch(
      /No price is known for model "llama-3.1-70b".*price override/,
    );
    const priced = estimateRun({
      ...plan,
      model: 'llama-3.1-70b',
      caching: false,
      overrides: { 'llama-3.1-70b': { input: 0.5, output: 0.5 } },
    });
    // (220500 + 250000) × $0.50 = 235250 µ$
    expect(priced.cost.chosen).toBeCloseTo(0.23525, 9);
  });

  it('warns about retired and deprecated models and about long prompts', () => {
    expect(estimateRun({ ...plan, model: 'claude-sonnet-4-20250514' }).warnings.join('\n')).toMatch(
      /was retired on 2026-06-15/,
    );
    const long = estimateRun({
      ...plan,
      model: 'claude-haiku-5-5',
      stablePromptTokens: 90_000,
      varyingPromptTokens: 20_000,
    });
    expect(long.warnings.join('\n')).toMatch(/long-context threshold/);
    // 110000-token prompts pay 5×: 63 × 110000 × $0.50 + 250000 × $2.50 = 3465000 + 625000 µ$
    expect(long.cost.noCaching).toBeCloseTo(4.09, 9);
  });

  it('handles an empty run', () => {
    const estimate = estimateRun({ ...plan, count: 0 });
    expect(estimate).toMatchObject({ batches: 0, requests: 0, outputTokens: 0, inputTokens: 0 });
    expect(estimate.cost.chosen).toBe(0);
    expect(estimate.cost.perRecord).toBeUndefined();
  });

  it('rejects impossible plans', () => {
    expect(() => estimateRun({ ...plan, expectedYield: 0 })).toThrow(CostError);
    expect(() => estimateRun({ ...plan, expectedYield: 1.5 })).toThrow(/expectedYield/);
    expect(() => estimateRun({ ...plan, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => estimateRun({ ...plan, count: 10.5 })).toThrow(/count/);
    expect(() => estimateRun({ ...plan, stablePromptTokens: Number.NaN })).toThrow(/stablePromptTokens/);
    expect(() => estimateRun({ ...plan, throughput: { concurrency: 0 } })).toThrow(/concurrency/);
    expect(() => estimateRun({ ...plan, model: ' ' })).toThrow(/model/);
  });

  it('estimates a run planned from real seed files', () => {
    const folder = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');
    const guidelines = fs.readFileSync(path.join(folder, '03_标注规范/ANNOTATION_SPEC.md'), 'utf8');
    const schema = fs.readFileSync(path.join(folder, '04_复刻指南/DATA_SCHEMA.json'), 'utf8');
    const samples = JSON.parse(fs.readFileSync(path.join(folder, '09_样例数据/samples.json'), 'utf8')) as {
      samples: { data: unknown }[];
    };
    const model = 'claude-sonnet-5-5';
    const stable = countTokens(`${guidelines}\n${schema}`, { model });
    const seeds = samples.samples.slice(0, 5).map((sample) => JSON.stringify(sample.data));
    const varying = countTokens(seeds.join('\n'), { model });
    const perRecord = Math.ceil(countTokens(seeds.join('\n'), { model }) / seeds.length);

    const estimate = estimateRun({
      model,
      count: 2_000,
      batchSize: 10,
      stablePromptTokens: stable,
      varyingPromptTokens: varying,
      outputTokensPerRecord: perRecord,
    });
    expect(estimate.priced).toBe(true);
    expect(estimate.requests).toBe(Math.ceil(2_000 / 9));
    expect(estimate.cost.chosen).toBeGreaterThan(0);
    // Sanity bound: 2000 short records on a $2/$10 model cost cents to a few dollars, not hundreds.
    expect(estimate.cost.chosen).toBeLessThan(20);
    expect(estimate.cost.withCaching).toBeLessThanOrEqual(estimate.cost.noCaching!);
  });
});
