import { describe, expect, it } from 'vitest';
import { RatePacer } from './rate-pacer.js';

describe('RatePacer', () => {
  it('spaces dispatches to the advertised requests-per-minute limit', () => {
    const pacer = new RatePacer({ headroom: 1 });
    pacer.observe({ requestsLimit: 600 }, 100, 0);
    expect(pacer.intervalMs).toBe(100);
    pacer.markDispatched(0);
    expect(pacer.delayFor(0)).toBe(100);
    expect(pacer.delayFor(100)).toBe(0);
  });

  it('spaces dispatches to the token limit from the observed tokens per call', () => {
    const pacer = new RatePacer({ headroom: 1 });
    pacer.observe({ tokensLimit: 60_000 }, 2_000, 0);
    expect(pacer.intervalMs).toBe(2_000);
  });

  it('paces to rpm set by hand from the first call, before any header; the lower of hand and header holds', () => {
    const pacer = new RatePacer({ headroom: 1, requestsPerMinute: 300 });
    expect(pacer.intervalMs).toBe(200);
    pacer.markDispatched(0);
    expect(pacer.delayFor(100)).toBe(100);
    // The provider allows more: the hand-set limit still holds.
    pacer.observe({ requestsLimit: 1_200 }, 100, 0);
    expect(pacer.intervalMs).toBe(200);
    // The provider allows less: its limit holds.
    pacer.observe({ requestsLimit: 120 }, 100, 0);
    expect(pacer.intervalMs).toBe(500);
  });

  it('paces to tpm set by hand from the observed tokens per call', () => {
    const pacer = new RatePacer({ headroom: 1, tokensPerMinute: 30_000 });
    expect(pacer.intervalMs).toBe(0);
    pacer.observe(undefined, 1_000, 0);
    expect(pacer.intervalMs).toBe(2_000);
  });

  it('spends what remaining allows at once, then paces at the limit', () => {
    const pacer = new RatePacer({ headroom: 1 });
    // 300 a minute, 29 left, full again in 200 ms: a 30-call bucket.
    pacer.observe({ limits: { requests: { limit: 300, remaining: 29, resetMs: 200 } } }, 100, 0);
    for (let i = 0; i < 29; i++) {
      expect(pacer.delayFor(0)).toBe(0);
      pacer.markDispatched(0);
    }
    expect(pacer.delayFor(0)).toBe(200);
    expect(pacer.delayFor(200)).toBe(0);
    pacer.markDispatched(200);
    expect(pacer.delayFor(200)).toBe(200);
  });

  it('re-syncs from every response: a lower remaining (another client on the key) holds back at once', () => {
    const pacer = new RatePacer({ headroom: 1 });
    pacer.observe({ limits: { requests: { limit: 600, remaining: 50, resetMs: 1_000 } } }, 100, 0);
    pacer.markDispatched(0);
    pacer.observe({ limits: { requests: { limit: 600, remaining: 1, resetMs: 5_900 } } }, 100, 10);
    expect(pacer.delayFor(10)).toBe(0);
    pacer.markDispatched(10);
    expect(pacer.delayFor(10)).toBe(100);
  });

  it('refills no further than the bucket the headers imply, however long it idles', () => {
    const pacer = new RatePacer({ headroom: 1 });
    pacer.observe({ limits: { requests: { limit: 300, remaining: 0, resetMs: 6_000 } } }, 100, 0);
    for (let i = 0; i < 30; i++) {
      expect(pacer.delayFor(3_600_000)).toBe(0);
      pacer.markDispatched(3_600_000);
    }
    expect(pacer.delayFor(3_600_000)).toBe(200);
  });

  it('keeps a margin under the advertised rate by default, against clock skew', () => {
    const pacer = new RatePacer();
    pacer.observe({ limits: { requests: { limit: 600, remaining: 0, resetMs: 100 } } }, 100, 0);
    expect(pacer.delayFor(0)).toBeGreaterThan(100);
    expect(pacer.delayFor(0)).toBeLessThan(102);
  });

  it('counts the token limits in tokens per call: total, input and output apart', () => {
    const pacer = new RatePacer({ headroom: 1 });
    pacer.observe(
      {
        limits: {
          inputTokens: { limit: 600_000, remaining: 600_000, resetMs: 0 },
          outputTokens: { limit: 6_000, remaining: 2_000, resetMs: 40_000 },
        },
      },
      { inputTokens: 1_000, outputTokens: 1_000 },
      0,
    );
    // Output is the binding limit: 2 calls' worth left, then one call per 10 s of refill.
    pacer.markDispatched(0);
    pacer.markDispatched(0);
    expect(pacer.delayFor(0)).toBe(10_000);
    expect(pacer.intervalMs).toBe(10_000);
  });

  it('leaves prompt-cache reads out of the tokens a call costs', () => {
    const pacer = new RatePacer({ headroom: 1 });
    const usage = { inputTokens: 200, outputTokens: 300, cacheWriteTokens: 100, cacheReadTokens: 5_000 };
    pacer.observe({ limits: { tokens: { limit: 60_000, remaining: 0, resetMs: 60_000 } } }, usage, 0);
    // 600 tokens a call at 1,000 a second.
    expect(pacer.intervalMs).toBe(600);
  });

  it('a hand-set rpm below the server limit spaces calls evenly, burst or not', () => {
    const pacer = new RatePacer({ headroom: 1, requestsPerMinute: 60 });
    pacer.observe({ limits: { requests: { limit: 300, remaining: 30, resetMs: 0 } } }, 100, 0);
    pacer.markDispatched(0);
    expect(pacer.delayFor(0)).toBe(1_000);
    expect(pacer.delayFor(1_000)).toBe(0);
  });

  it('blocks until the reset when the window is exhausted and no limit is known', () => {
    const pacer = new RatePacer();
    pacer.observe({ requestsRemaining: 0, resetMs: 500 }, 10, 1_000);
    expect(pacer.delayFor(1_000)).toBe(500);
    expect(pacer.delayFor(1_500)).toBe(0);
  });

  it('reports the limits it paces at and where each came from: the lower of setting and headers holds', () => {
    const pacer = new RatePacer({ requestsPerMinute: 60, tokensPerMinute: 90_000 });
    expect(pacer.limits).toEqual({
      requests: { perMinute: 60, source: 'setting' },
      tokens: { perMinute: 90_000, source: 'setting' },
    });
    pacer.observe(
      {
        limits: {
          requests: { limit: 1_000, remaining: 999, resetMs: 60 },
          tokens: { limit: 40_000, remaining: 40_000, resetMs: 0 },
          outputTokens: { limit: 8_000, remaining: 8_000, resetMs: 0 },
        },
      },
      100,
      0,
    );
    // Advertised rates, not the margin the pacer keeps under them.
    expect(pacer.limits).toEqual({
      requests: { perMinute: 60, source: 'setting' },
      tokens: { perMinute: 40_000, source: 'headers' },
      outputTokens: { perMinute: 8_000, source: 'headers' },
    });
  });

  it('reports no limit without settings or headers', () => {
    const pacer = new RatePacer();
    pacer.observe(undefined, 100, 0);
    expect(pacer.limits).toEqual({});
  });
});
