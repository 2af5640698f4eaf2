import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDiversityTarget } from './parse-diversity-target.js';

describe('parseDiversityTarget', () => {
  it('reads a minimum distinct-2 and a maximum near-duplicate share', () => {
    expect(parseDiversityTarget('distinct-2>=0.6')).toEqual({ minDistinct2: 0.6 });
    expect(parseDiversityTarget('distinct-2 >= .55, near-dup<=0.05')).toEqual({
      minDistinct2: 0.55,
      maxNearDuplicateRate: 0.05,
    });
  });

  it('refuses the wrong direction, an out-of-range number or an unknown figure', () => {
    for (const bad of ['distinct-2<=0.6', 'near-dup>=0.1', 'distinct-2>=1.5', 'distinct-3>=0.5', '']) {
      expect(() => parseDiversityTarget(bad), bad).toThrow(InvalidArgumentError);
    }
  });
});
