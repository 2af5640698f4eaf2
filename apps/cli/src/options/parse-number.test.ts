import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  parseConcurrency,
  parseDecimal,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveSeconds,
  parseUsd,
} from './parse-number.js';

describe('strict number flags', () => {
  it('accepts whole numbers of at least 1 for counts', () => {
    expect(parsePositiveInteger('1')).toBe(1);
    expect(parsePositiveInteger('250')).toBe(250);
  });

  it.each(['0', '-5', 'abc', '1.5', '', '1e3', '0x10', '12abc', ' '])('refuses %j as a count', (value) => {
    expect(() => parsePositiveInteger(value)).toThrow(InvalidArgumentError);
  });

  it('accepts 0 where zero makes sense, refuses negatives', () => {
    expect(parseNonNegativeInteger('0')).toBe(0);
    expect(() => parseNonNegativeInteger('-1')).toThrow(InvalidArgumentError);
  });

  it('parses plain decimals only', () => {
    expect(parseDecimal('0.8')).toBe(0.8);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('2')).toBe(2);
    expect(() => parseDecimal('warm')).toThrow(InvalidArgumentError);
    expect(() => parseDecimal('Infinity')).toThrow(InvalidArgumentError);
  });

  it('parses dollars, with or without the sign, and refuses nothing or less', () => {
    expect(parseUsd('2.50')).toBe(2.5);
    expect(parseUsd('$5')).toBe(5);
    expect(() => parseUsd('0')).toThrow(InvalidArgumentError);
    expect(() => parseUsd('-1')).toThrow(InvalidArgumentError);
  });

  it('takes a positive number of seconds for a timeout, whole or not', () => {
    expect(parsePositiveSeconds('300')).toBe(300);
    expect(parsePositiveSeconds('0.5')).toBe(0.5);
    for (const value of ['0', '-30', 'soon', '', '30s', 'Infinity'])
      expect(() => parsePositiveSeconds(value), value).toThrow(InvalidArgumentError);
  });

  it("takes 'auto' or a positive whole number for concurrency", () => {
    expect(parseConcurrency('auto')).toBe('auto');
    expect(parseConcurrency('8')).toBe(8);
    expect(() => parseConcurrency('0')).toThrow(InvalidArgumentError);
    expect(() => parseConcurrency('many')).toThrow(InvalidArgumentError);
  });
});
