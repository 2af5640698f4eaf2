import { describe, expect, it } from 'vitest';
import { roundNumbers } from './round-numbers.js';

describe('roundNumbers', () => {
  it('drops floating-point noise everywhere in a reply, keeping integers and the shape', () => {
    expect(
      roundNumbers({
        actual_cost_usd: 0.0006529999999999999,
        projected: 0.1 + 0.2,
        tokens: 123_456_789,
        nested: [{ rate: 2 / 3 }, 'text', null, true],
      }),
    ).toEqual({
      actual_cost_usd: 0.000653,
      projected: 0.3,
      tokens: 123_456_789,
      nested: [{ rate: 0.66666667 }, 'text', null, true],
    });
  });
});
