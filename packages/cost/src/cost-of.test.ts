import { describe, expect, it } from 'vitest';
import { CostError } from './cost-error.js';
import { costOf } from './cost-of.js';

describe('costOf', () => {
  it('prices every token category of a Claude request (Sonnet 4.5: $3 in, $15 out, $3.75 write, $0.30 read)', () => {
    const usage = { inputTokens: 1_000, outputTokens: 500, cacheWriteTokens: 2_000, cacheReadTokens: 10_000 };
    // 1000×3 + 500×15 + 2000×3.75 + 10000×0.30 = 3000 + 7500 + 7500 + 3000 = 21000 µ$ → $0.021
    expect(costOf(usage, 'claude-sonnet-4-5-20250929')).toBeCloseTo(0.021, 12);
    // Message Batches: half of everything → $0.0105
    expect(costOf(usage, 'claude-sonnet-4-5', { batch: true })).toBeCloseTo(0.0105, 12);
  });

  it('prices an OpenAI request with cached input (gpt-4o-mini: $0.15 in, $0.075 cached, $0.60 out)', () => {
    const usage = { inputTokens: 2_000, outputTokens: 1_000, cacheWriteTokens: 0, cacheReadTokens: 3_000 };
    // 2000×0.15 + 3000×0.075 + 1000×0.60 = 300 + 225 + 600 = 1125 µ$ → $0.001125
    expect(costOf(usage, 'openai:gpt-4o-mini')).toBeCloseTo(0.001125, 12);
    expect(costOf(usage, 'gpt-4o-mini', { batch: true })).toBeCloseTo(0.0005625, 12);
  });

  it('prices a GPT-6 request with a cache write, and the whole request at long-context rates past 272K input tokens', () => {
    // GPT-6.2 Sol (OpenAI model page, 2026-12-06): $2 in, $0.10 cached, $2.50 cache write, $10 out.
    const short = {
      inputTokens: 100_000,
      outputTokens: 2_000,
      cacheWriteTokens: 50_000,
      cacheReadTokens: 100_000,
    };
    // 100000×2 + 50000×2.5 + 100000×0.1 + 2000×10 = 200000 + 125000 + 10000 + 20000 µ$ → $0.355
    expect(costOf(short, 'gpt-6.2-sol')).toBeCloseTo(0.355, 12);
    expect(costOf(short, 'gpt-6.2-sol', { batch: true })).toBeCloseTo(0.1775, 12);
    const long = { inputTokens: 200_000, outputTokens: 2_000, cacheWriteTokens: 0, cacheReadTokens: 100_000 };
    // prompt = 300000 > 272000: 200000×4 + 100000×0.2 + 2000×15 = 800000 + 20000 + 30000 µ$ → $0.85
    expect(costOf(long, 'gpt-6.2-sol')).toBeCloseTo(0.85, 12);
  });

  it('uses a ModelPrice as given', () => {
    const price = { input: 1, output: 2, cacheWrite: 3, cacheRead: 4, batchDiscount: 0.25 };
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      cacheWriteTokens: 1_000_000,
      cacheReadTokens: 1_000_000,
    };
    expect(costOf(usage, price)).toBeCloseTo(10, 12);
    expect(costOf(usage, price, { batch: true })).toBeCloseTo(2.5, 12);
  });

  it('applies a long-prompt surcharge when this request crosses the threshold (Haiku 5.5 over 100K tokens pays 5×)', () => {
    const short = { inputTokens: 100_000, outputTokens: 1_000, cacheWriteTokens: 0, cacheReadTokens: 0 };
    // 100000×0.10 + 1000×0.50 = 10000 + 500 µ$ → $0.0105
    expect(costOf(short, 'claude-haiku-5-5')).toBeCloseTo(0.0105, 12);
    const long = { inputTokens: 90_000, outputTokens: 1_000, cacheWriteTokens: 0, cacheReadTokens: 60_000 };
    // prompt = 150000 > 100000: 90000×0.50 + 60000×0.05 + 1000×2.50 = 45000 + 3000 + 2500 µ$ → $0.0505
    expect(costOf(long, 'claude-haiku-5-5')).toBeCloseTo(0.0505, 12);
  });

  it('prices a model from an override', () => {
    const usage = { inputTokens: 10_000, outputTokens: 2_000, cacheWriteTokens: 0, cacheReadTokens: 0 };
    // 10000×0.20 + 2000×0.60 = 2000 + 1200 µ$ → $0.0032
    expect(
      costOf(usage, 'my-vllm-model', { overrides: { 'my-vllm-model': { input: 0.2, output: 0.6 } } }),
    ).toBeCloseTo(0.0032, 12);
  });

  it('returns undefined for a model without a price', () => {
    const usage = { inputTokens: 10, outputTokens: 10, cacheWriteTokens: 0, cacheReadTokens: 0 };
    expect(costOf(usage, 'some-unknown-model')).toBeUndefined();
  });

  it('rejects negative or non-finite token counts', () => {
    const usage = { inputTokens: -1, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
    expect(() => costOf(usage, 'gpt-4o')).toThrow(CostError);
    expect(() => costOf({ ...usage, inputTokens: Number.NaN }, 'gpt-4o')).toThrow(/usage.inputTokens/);
  });
});
