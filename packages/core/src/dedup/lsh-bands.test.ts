import { describe, expect, it } from 'vitest';
import { chooseLshBands } from './lsh-bands.js';
import { SIGNATURE_LENGTH } from './min-hash.js';

const recall = (threshold: number, bands: number, rows: number): number =>
  1 - (1 - threshold ** rows) ** bands;

describe('chooseLshBands', () => {
  it('uses 16 bands of 4 rows at the default threshold', () => {
    expect(chooseLshBands(0.7)).toEqual({ bands: 16, rows: 4 });
  });

  it('finds a pair at the threshold with probability ≥ 0.98 while using as many rows as possible', () => {
    for (const threshold of [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
      const { bands, rows } = chooseLshBands(threshold);
      expect(bands * rows).toBeLessThanOrEqual(SIGNATURE_LENGTH);
      expect(recall(threshold, bands, rows)).toBeGreaterThanOrEqual(0.98);
      expect(recall(threshold, Math.floor(SIGNATURE_LENGTH / (rows + 1)), rows + 1)).toBeLessThan(0.98);
    }
  });
});
