import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, refills at the rate per minute, never above its capacity', () => {
    const bucket = new TokenBucket({ perMinute: 600, capacity: 3, now: 0 });
    expect(bucket.level(0)).toBe(3);
    for (let i = 0; i < 3; i++) bucket.take(1, 0);
    expect(bucket.delayFor(1, 0)).toBe(100);
    expect(bucket.level(50)).toBeCloseTo(0.5);
    expect(bucket.level(60_000)).toBe(3);
  });

  it('lets one call through at a time when it costs more than the capacity, and counts the debt', () => {
    const bucket = new TokenBucket({ perMinute: 60_000, capacity: 100, now: 0 });
    expect(bucket.delayFor(300, 0)).toBe(0);
    bucket.take(300, 0);
    expect(bucket.level(0)).toBe(0);
    // Full again for a 300-token call only after 300 ms of refill.
    expect(bucket.delayFor(300, 0)).toBe(300);
  });

  it('sync lowers the level to what the server reports, never raises it (a higher figure may be stale)', () => {
    const bucket = new TokenBucket({ perMinute: 300, capacity: 30, level: 10, now: 0 });
    bucket.sync(25, 0);
    expect(bucket.level(0)).toBe(10);
    bucket.sync(2, 0);
    expect(bucket.level(0)).toBe(2);
  });

  it('keeps the refill in progress when the server reports the same whole number (it rounds down)', () => {
    const bucket = new TokenBucket({ perMinute: 300, capacity: 30, level: 0, now: 0 });
    expect(bucket.level(320)).toBeCloseTo(1.6);
    bucket.sync(1, 320);
    expect(bucket.level(320)).toBeCloseTo(1.6);
    bucket.sync(0, 320);
    expect(bucket.level(320)).toBe(0);
  });
});
