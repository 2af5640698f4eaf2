import { formatUsd } from '@datasynth/cost';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './display-width.js';
import { formatRows } from './format-rows.js';
import { formatCompact, formatDuration, formatInteger } from './format-values.js';

describe('formatting', () => {
  it('formats money without inventing precision', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00001)).toBe('<$0.0001');
    expect(formatUsd(0.1234)).toBe('$0.1234');
    expect(formatUsd(12.345)).toBe('$12.35');
  });

  it('formats counts and durations', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(4_560_000)).toBe('4.56M');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_300)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('aligns rows by display width, CJK counting double', () => {
    expect(displayWidth('目标')).toBe(4);
    expect(
      formatRows([
        ['目标', '1'],
        ['Model', '2'],
      ]),
    ).toBe('目标   1\nModel  2');
  });
});
