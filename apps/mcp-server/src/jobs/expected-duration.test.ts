import { describe, expect, it } from 'vitest';
import { expectedDurationSeconds } from './expected-duration.js';

describe('expectedDurationSeconds', () => {
  it('counts calls in waves of the concurrency, each as long as its output takes', () => {
    // 10 calls of 500 output tokens: 2 s + 10 s each
    const estimate = { requests: 10, outputTokens: 5000 };
    expect(expectedDurationSeconds(estimate, { concurrency: 1, batchApi: false })).toBe(120);
    expect(expectedDurationSeconds(estimate, { concurrency: 5, batchApi: false })).toBe(24);
    // auto starts with 4 calls in flight: 3 waves
    expect(expectedDurationSeconds(estimate, { concurrency: 'auto', batchApi: false })).toBe(36);
  });

  it('has no figure for batch-API runs and zero for nothing to do', () => {
    expect(
      expectedDurationSeconds({ requests: 10, outputTokens: 5000 }, { concurrency: 1, batchApi: true }),
    ).toBe(undefined);
    expect(
      expectedDurationSeconds({ requests: 0, outputTokens: 0 }, { concurrency: 1, batchApi: false }),
    ).toBe(0);
  });
});
