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

  it('gives each pair a dense id in order of first addition, kept through resizes', () => {
    const set = new IntPairSet();
    const ids = Array.from({ length: 5000 }, (_, i) => set.add(i, i * 7));
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(set.add(4321, 4321 * 7)).toBe(4321);
    expect(set.add(7, 0)).toBe(5000);
  });
});
