import { describe, expect, it } from 'vitest';
import { histogram, summariseNumbers } from './number-summary.js';

describe('summariseNumbers', () => {
  it('gives min, max, mean and nearest-rank percentiles', () => {
    expect(summariseNumbers([40, 10, 30, 20])).toEqual({ min: 10, max: 40, mean: 25, p50: 20, p90: 40 });
    expect(summariseNumbers([7])).toEqual({ min: 7, max: 7, mean: 7, p50: 7, p90: 7 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summariseNumbers(hundred)).toMatchObject({ p50: 50, p90: 90, mean: 50.5 });
  });
});

describe('histogram', () => {
  it('bins integers into at most 10 equal integer ranges covering min…max', () => {
    expect(histogram([10, 20, 30, 40], 10, 40)).toEqual([
      { from: 10, to: 14, count: 1 },
      { from: 14, to: 18, count: 0 },
      { from: 18, to: 22, count: 1 },
      { from: 22, to: 26, count: 0 },
      { from: 26, to: 30, count: 0 },
      { from: 30, to: 34, count: 1 },
      { from: 34, to: 38, count: 0 },
      { from: 38, to: 42, count: 1 },
    ]);
    expect(histogram([1, 2, 2, 3], 1, 3)).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 2 },
      { from: 3, to: 4, count: 1 },
    ]);
    expect(histogram([5, 5], 5, 5)).toEqual([{ from: 5, to: 6, count: 2 }]);
  });

  it('bins other numbers into 10 ranges with the maximum in the last one', () => {
    const bins = histogram([0, 0.25, 0.5, 1], 0, 1);
    expect(bins).toHaveLength(10);
    expect(bins.map((bin) => bin.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect(bins[0]).toEqual({ from: 0, to: 0.1, count: 1 });
    expect(bins[9]!.to).toBe(1);
    expect(histogram([0.5, 0.5], 0.5, 0.5)).toEqual([{ from: 0.5, to: 0.5, count: 2 }]);
  });
});
