import { describe, expect, it } from 'vitest';
import { Budget } from './budget.js';
import { costOf } from './cost-of.js';
import { maxCostOfRequest } from './max-cost-of-request.js';

describe('maxCostOfRequest', () => {
  it('charges every input token at the dearest input rate and the full output allowance', () => {
    // Claude Sonnet 4.5: a cache write ($3.75) costs more than plain input ($3).
    // 10000 × 3.75 + 4096 × 15 = 37500 + 61440 µ$ = $0.09894
    expect(
      maxCostOfRequest({ model: 'claude-sonnet-4-5', inputTokens: 10_000, maxOutputTokens: 4_096 }),
    ).toBeCloseTo(0.09894, 12);
    // gpt-4o: no write premium → 10000 × 2.5 + 4096 × 10 = 25000 + 40960 µ$ = $0.06596; batch halves it
    expect(maxCostOfRequest({ model: 'gpt-4o', inputTokens: 10_000, maxOutputTokens: 4_096 })).toBeCloseTo(
      0.06596,
      12,
    );
    expect(
      maxCostOfRequest({ model: 'gpt-4o', inputTokens: 10_000, maxOutputTokens: 4_096, batch: true }),
    ).toBeCloseTo(0.03298, 12);
  });

  it('includes the long-prompt surcharge (Haiku 5.5 over 100K tokens pays 5×)', () => {
    // 120000 × (0.125 × 5) + 1000 × (0.50 × 5) = 75000 + 2500 µ$
    expect(
      maxCostOfRequest({ model: 'claude-haiku-5-5', inputTokens: 120_000, maxOutputTokens: 1_000 }),
    ).toBeCloseTo(0.0775, 12);
  });

  it('uses overrides and returns undefined for unknown models', () => {
    expect(maxCostOfRequest({ model: 'mystery', inputTokens: 1, maxOutputTokens: 1 })).toBeUndefined();
    expect(
      maxCostOfRequest({
        model: 'mystery',
        inputTokens: 1_000_000,
        maxOutputTokens: 0,
        overrides: { mystery: { input: 1, output: 1, cacheWrite: 1 } },
      }),
    ).toBeCloseTo(1, 12);
    expect(() => maxCostOfRequest({ model: 'gpt-4o', inputTokens: -1, maxOutputTokens: 0 })).toThrow(
      /inputTokens/,
    );
  });

  it('is an upper bound of what the request can actually cost, so a Budget built on it holds', () => {
    const model = 'claude-opus-5-5';
    const budget = new Budget(0.25);
    const prompt = 6_000;
    const maxOutput = 2_000;
    let sent = 0;
    for (;;) {
      const reservation = budget.reserve(
        maxCostOfRequest({ model, inputTokens: prompt, maxOutputTokens: maxOutput })!,
      );
      if (reservation === undefined) break;
      // Any split of the prompt into uncached / cache-write / cache-read, any output up to the maximum.
      const written = sent === 0 ? prompt : 0;
      const usage = {
        inputTokens: prompt - written - (sent === 0 ? 0 : 4_000),
        cacheWriteTokens: written,
        cacheReadTokens: sent === 0 ? 0 : 4_000,
        outputTokens: maxOutput - (sent % 3) * 500,
      };
      const actual = costOf(usage, model)!;
      expect(actual).toBeLessThanOrEqual(reservation.amount);
      budget.settle(reservation, actual);
      sent += 1;
    }
    expect(sent).toBeGreaterThan(3);
    expect(budget.spent).toBeLessThanOrEqual(budget.cap);
  });
});
