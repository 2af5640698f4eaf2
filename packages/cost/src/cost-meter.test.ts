import { describe, expect, it } from 'vitest';
import { CostError } from './cost-error.js';
import { CostMeter } from './cost-meter.js';

const call = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

describe('CostMeter', () => {
  it('adds up usage and cost per call and per model', () => {
    const meter = new CostMeter();
    // gpt-4.1-mini: $0.40 in, $0.10 cached, $1.60 out → 10000×0.4 + 2000×1.6 = 4000 + 3200 µ$
    expect(meter.record('gpt-4.1-mini', call(10_000, 2_000))).toBeCloseTo(0.0072, 12);
    // 1000×0.4 + 9000×0.1 + 2000×1.6 = 400 + 900 + 3200 µ$
    expect(meter.record('gpt-4.1-mini', call(1_000, 2_000, 9_000))).toBeCloseTo(0.0045, 12);
    // claude-haiku-4-5: $1 in, $5 out, $1.25 write → 500×1 + 4000×1.25 + 1000×5 = 500 + 5000 + 5000 µ$
    expect(meter.record('claude-haiku-4-5', call(500, 1_000, 0, 4_000))).toBeCloseTo(0.0105, 12);

    expect(meter.totalCost).toBeCloseTo(0.0222, 12);
    expect(meter.usage).toEqual(call(11_500, 5_000, 9_000, 4_000));
    const byModel = meter.byModel();
    expect(byModel['gpt-4.1-mini']?.calls).toBe(2);
    expect(byModel['gpt-4.1-mini']?.cost).toBeCloseTo(0.0117, 12);
    expect(byModel['gpt-4.1-mini']?.usage).toEqual(call(11_000, 4_000, 9_000));
    expect(byModel['claude-haiku-4-5']?.calls).toBe(1);
    expect(meter.unpricedModels).toEqual([]);
  });

  it('keeps unpriced usage in the token totals but out of the cost', () => {
    const meter = new CostMeter();
    expect(meter.record('local-llama', call(1_000, 1_000))).toBeUndefined();
    meter.record('gpt-4o', call(1_000_000, 0)); // $2.50
    expect(meter.totalCost).toBeCloseTo(2.5, 12);
    expect(meter.usage.inputTokens).toBe(1_001_000);
    expect(meter.unpricedModels).toEqual(['local-llama']);
    expect(meter.byModel()['local-llama']).toEqual({ usage: call(1_000, 1_000), cost: undefined, calls: 1 });
  });

  it('applies overrides and the batch discount (constructor default, per-call override)', () => {
    const meter = new CostMeter({
      batch: true,
      overrides: { 'local-llama': { input: 1, output: 1, batchDiscount: 0.5 } },
    });
    expect(meter.record('local-llama', call(1_000_000, 0))).toBeCloseTo(0.5, 12);
    expect(meter.record('local-llama', call(1_000_000, 0), { batch: false })).toBeCloseTo(1, 12);
    expect(meter.unpricedModels).toEqual([]);
  });

  it('prices each call on its own for long-prompt surcharges', () => {
    const meter = new CostMeter();
    // Two 60K-token Haiku 5.5 prompts: each below the 100K threshold → 2 × 60000 × $0.10 = 12000 µ$
    meter.record('claude-haiku-5-5', call(60_000, 0));
    meter.record('claude-haiku-5-5', call(60_000, 0));
    expect(meter.totalCost).toBeCloseTo(0.012, 12);
  });

  it('projects the total from the cost per accepted record', () => {
    const meter = new CostMeter();
    expect(meter.projectTotal(0, 100)).toBeUndefined();
    meter.record('gpt-4o', call(400_000, 0)); // $1.00
    expect(meter.projectTotal(0, 1_000)).toBeUndefined();
    // $1.00 for 40 accepted → $0.025 each → 1000 records ≈ $25
    expect(meter.projectTotal(40, 1_000)).toBeCloseTo(25, 12);
    // Past the target already: the projection is what was spent.
    expect(meter.projectTotal(40, 10)).toBeCloseTo(1, 12);
    const unpricedOnly = new CostMeter();
    unpricedOnly.record('local-llama', call(1, 1));
    expect(unpricedOnly.projectTotal(10, 100)).toBeUndefined();
  });

  it('rejects bad usage and bad overrides loudly', () => {
    const meter = new CostMeter();
    expect(() => meter.record('gpt-4o', call(-5, 0))).toThrow(CostError);
    expect(meter.usage).toEqual(call(0, 0));
    expect(() => new CostMeter({ overrides: { x: { input: 1 } } as never })).toThrow(/missing "output"/);
  });
});
