import { describe, expect, it } from 'vitest';
import { nextCallSize, nextRoundSize, observedYield } from './shortfall-size.js';

describe('nextCallSize — top-ups sized from the observed yield', () => {
  const sizes = (accepted: number, yieldSoFar: number, target = 500) => {
    const asked: number[] = [];
    let outstanding = 0;
    for (;;) {
      const size = nextCallSize({ target, accepted, outstanding, yield: yieldSoFar, batchSize: 10 });
      if (size === 0) return asked;
      asked.push(size);
      outstanding += size;
    }
  };

  it('asks for the shortfall divided by the yield in full batches, a remainder in flight rounded up to one', () => {
    // 75 missing at a yield of 0.85: 89 records, so nine calls of 10 (not eight and one of 9).
    expect(sizes(425, 0.85)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(sizes(0, 1, 95)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // With nothing in flight, a whole shortfall under a batch is asked for as it is: 6 ÷ 0.85 → 8.
    expect(nextCallSize({ target: 100, accepted: 94, outstanding: 0, yield: 0.85, batchSize: 10 })).toBe(8);
  });

  it('waits for the calls in flight rather than asking for less than half a batch', () => {
    // 10 missing at 0.85 is 12 records, 10 of them in flight: 2 more is under half a batch.
    expect(nextCallSize({ target: 100, accepted: 90, outstanding: 10, yield: 0.85, batchSize: 10 })).toBe(0);
    // 12 missing is 15 records, 10 of them in flight: 5 more is half a batch, so a full one is asked for.
    expect(nextCallSize({ target: 100, accepted: 88, outstanding: 10, yield: 0.85, batchSize: 10 })).toBe(10);
  });

  it('asks for a whole shortfall below half a batch as it is, once nothing is in flight', () => {
    // 2 missing at 0.85: 3 records.
    expect(nextCallSize({ target: 100, accepted: 98, outstanding: 0, yield: 0.85, batchSize: 10 })).toBe(3);
  });

  it('asks for nothing while the calls in flight are expected to reach the target', () => {
    expect(nextCallSize({ target: 100, accepted: 80, outstanding: 24, yield: 0.85, batchSize: 10 })).toBe(0);
    expect(nextCallSize({ target: 100, accepted: 100, outstanding: 0, yield: 0.85, batchSize: 10 })).toBe(0);
  });
});

describe('observedYield', () => {
  it('is accepted ÷ asked for, the 0.9 expected yield before any answer, and never below 0.1', () => {
    expect(observedYield(0, 0)).toBe(0.9);
    expect(observedYield(85, 100)).toBe(0.85);
    expect(observedYield(0, 30)).toBe(0.1);
    expect(observedYield(12, 10)).toBe(1);
  });
});

describe('nextRoundSize — top-up rounds of provider batches', () => {
  it('asks for the shortfall divided by the yield, rounded up to full batches', () => {
    // 30 missing at a yield of 0.5: 60 records, six requests of 10.
    expect(nextRoundSize({ target: 60, accepted: 30, yield: 0.5, batchSize: 10 })).toBe(60);
    // 23 missing at 0.85: 28 records, rounded up to three full requests (a round can wait a day).
    expect(nextRoundSize({ target: 100, accepted: 77, yield: 0.85, batchSize: 10 })).toBe(30);
  });

  it('asks for a whole shortfall under a batch as it is, and for nothing once the target is reached', () => {
    expect(nextRoundSize({ target: 100, accepted: 96, yield: 0.8, batchSize: 10 })).toBe(5);
    expect(nextRoundSize({ target: 100, accepted: 100, yield: 0.8, batchSize: 10 })).toBe(0);
  });
});
