import { describe, expect, it } from 'vitest';
import { IntPairSet } from './int-pair-set.js';

describe('IntPairSet', () => {
  it('counts distinct ordered pairs through many resizes', () => {
    const set = new IntPairSet();
    for (let round = 0; round < 2; round++) {
      for (let first = 0; first < 300; first++)
        for (let second = 0; second < 100; second++) set.add(first, second);
    }
    expect(set.size).toBe(30_000);
    set.add(1, 2);
    set.add(2, 1);
    set.add(2_000_000_000, 0);
    expect(set.size).toBe(30_001);
  });
});
