import { describe, expect, it } from 'vitest';
import { cohensKappa, spearmanCorrelation } from './judge-agreement.js';

const repeat = (label: string, times: number): string[] => new Array<string>(times).fill(label);

describe('cohensKappa', () => {
  it('gives 0.4 for the textbook 50 grant proposals (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    // Wikipedia, "Cohen's kappa", worked example: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4
    const readerA = [...repeat('yes', 20), ...repeat('yes', 5), ...repeat('no', 10), ...repeat('no', 15)];
    const readerB = [...repeat('yes', 20), ...repeat('no', 5), ...repeat('yes', 10), ...repeat('no', 15)];
    expect(cohensKappa(readerA, readerB)).toBeCloseTo(0.4, 12);
  });

  it('gives 1 for perfect agreement, below 0 for systematic disagreement, nothing when undefined', () => {
    expect(cohensKappa(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'a'])).toBeCloseTo(1, 12);
    // p_o = 0, p_e = 0.5 → −1
    expect(
      cohensKappa(['keep', 'reject', 'keep', 'reject'], ['reject', 'keep', 'reject', 'keep']),
    ).toBeCloseTo(-1, 12);
    expect(cohensKappa(['keep', 'keep'], ['keep', 'keep'])).toBeUndefined();
    expect(cohensKappa([], [])).toBeUndefined();
    expect(() => cohensKappa(['a'], [])).toThrow(RangeError);
  });
});

describe('spearmanCorrelation', () => {
  it('gives −29/165 for the textbook IQ and hours-of-TV example', () => {
    // Wikipedia, "Spearman's rank correlation coefficient", example: Σd² = 194, ρ = 1 − 6·194 / (10·99)
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearmanCorrelation(iq, hoursOfTv)).toBeCloseTo(-29 / 165, 12);
  });

  it('gives tied values their average rank', () => {
    // ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4]: covariance 4.5, variances 4.5 and 5 → √0.9
    expect(spearmanCorrelation([1, 2, 2, 3], [10, 20, 30, 40])).toBeCloseTo(Math.sqrt(0.9), 12);
  });

  it('is 1 for any increasing relation and undefined for a constant side', () => {
    expect(spearmanCorrelation([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearmanCorrelation([3, 3, 3], [1, 2, 3])).toBeUndefined();
    expect(spearmanCorrelation([1], [1])).toBeUndefined();
  });
});
