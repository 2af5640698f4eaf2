import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, normalisedEntropy, similarityDistribution } from './spread.js';

describe('coefficientOfVariation', () => {
  it('is the population standard deviation over the mean', () => {
    // mean 5, deviations -3 -1 -1 -1 0 0 2 4 → squares 9 1 1 1 0 0 4 16 = 32, /8 = 4, sd 2
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(0.4);
    expect(coefficientOfVariation([3, 3, 3])).toBe(0);
    expect(coefficientOfVariation([])).toBeUndefined();
  });
});

describe('normalisedEntropy', () => {
  it('is 1 for an even split, 0 for one category, and counts unused categories', () => {
    expect(normalisedEntropy([5, 5, 5, 5])).toBeCloseTo(1, 12);
    expect(normalisedEntropy([10, 0, 0])).toBe(0);
    // two of four categories used equally: ln 2 / ln 4 = 0.5
    expect(normalisedEntropy([3, 3, 0, 0])).toBeCloseTo(0.5, 12);
    expect(normalisedEntropy([7])).toBeUndefined();
  });
});

describe('similarityDistribution', () => {
  it('bins similarities by tenths, puts 1 in the last bin, and skips NaN', () => {
    const distribution = similarityDistribution([0, 0.05, 0.35, 0.7, 1, Number.NaN]);
    expect(distribution?.records).toBe(5);
    expect(distribution?.max).toBe(1);
    expect(distribution?.p50).toBe(0.35);
    expect(distribution?.histogram.map((bin) => bin.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 1, 0, 1]);
    expect(similarityDistribution([Number.NaN])).toBeUndefined();
  });
});
