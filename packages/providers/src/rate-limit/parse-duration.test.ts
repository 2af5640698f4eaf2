import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './parse-duration.js';

describe('parseDurationMs', () => {
  it('reads the durations OpenAI sends in x-ratelimit-reset-*', () => {
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('17ms')).toBe(17);
    expect(parseDurationMs('2')).toBe(2000);
  });

  it('rejects what is not a duration', () => {
    for (const value of ['', 'soon', '5 s', '1s later', '-1s', null, undefined]) {
      expect(parseDurationMs(value), String(value)).toBeUndefined();
    }
  });
});
