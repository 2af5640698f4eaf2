import { ProviderError } from '@datasynth/providers';
import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency } from './adaptive-concurrency.js';
import { EndpointUnreachableError } from './connection-breaker.js';
import { Governor, type GovernorNotice } from './governor.js';

const never = new AbortController().signal;

function rateLimited(retryAfterMs?: number): ProviderError {
  return new ProviderError({
    kind: 'rate_limit',
    message: 'rate limited',
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    status: 429,
  });
}

describe('Governor', () => {
  it('retries retryable errors with backoff and returns the eventual result', async () => {
    const governor = new Governor({ concurrency: 2, maxRetries: 3, retryBaseMs: 1, random: () => 1 });
    const attempts: number[] = [];
    const result = await governor.run(async (attempt) => {
      attempts.push(attempt);
      if (attempt < 2) throw new ProviderError({ kind: 'server', message: 'boom', status: 500 });
      return 'ok';
    }, never);
    expect(result).toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('waits at least half the backoff before retrying a timed-out call; other errors may retry at once', async () => {
    const notices: GovernorNotice[] = [];
    const governor = new Governor({
      concurrency: 1,
      maxRetries: 3,
      retryBaseMs: 8,
      random: () => 0,
      onNotice: (notice) => notices.push(notice),
    });
    const result = await governor.run(async (attempt) => {
      if (attempt === 0) throw new ProviderError({ kind: 'timeout', message: 'no answer in time' });
      if (attempt === 1) throw new ProviderError({ kind: 'server', message: 'boom', status: 500 });
      return 'ok';
    }, never);
    expect(result).toBe('ok');
    expect(notices.map((notice) => notice.type === 'retry' && [notice.error.kind, notice.delayMs])).toEqual([
      ['timeout', 4],
      ['server', 0],
    ]);
  });

  it('stops retrying a refused connection before any answer: the breaker opens at once', async () => {
    const governor = new Governor({ concurrency: 2, maxRetries: 5, retryBaseMs: 1 });
    let calls = 0;
    const error = await governor
      .run(async () => {
        calls += 1;
        throw new ProviderError({ kind: 'network', message: 'Could not reach it: ECONNREFUSED.' });
      }, never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointUnreachableError);
    expect(calls).toBe(1);
  });

  it('throws non-retryable errors at once, without retrying', async () => {
    const governor = new Governor({ concurrency: 2, maxRetries: 5, retryBaseMs: 1 });
    let calls = 0;
    const error = await governor
      .run(async () => {
        calls += 1;
        throw new ProviderError({ kind: 'auth', message: 'bad key', status: 401 });
      }, never)
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('auth');
    expect(calls).toBe(1);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const governor = new Governor({ concurrency: 1, maxRetries: 2, retryBaseMs: 1 });
    let calls = 0;
    const error = await governor
      .run(async () => {
        calls += 1;
        throw new ProviderError({ kind: 'overloaded', message: 'overloaded', status: 529 });
      }, never)
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('overloaded');
    expect(calls).toBe(3);
  });

  it('pauses every call, not just the one that was told, when a retry-after arrives', async () => {
    const notices: GovernorNotice[] = [];
    const governor = new Governor({
      concurrency: 4,
      maxRetries: 2,
      retryBaseMs: 1,
      onNotice: (n) => notices.push(n),
    });
    const starts: number[] = [];
    let first = true;
    const begin = Date.now();
    const call = async () => {
      starts.push(Date.now() - begin);
      if (first) {
        first = false;
        throw rateLimited(150);
      }
      return 1;
    };
    await governor.run(call, never).catch(() => 0);
    // a call submitted while the pause is on waits for it too
    await governor.run(call, never);
    expect(notices.some((n) => n.type === 'pause')).toBe(true);
    expect(starts[1]).toBeGreaterThanOrEqual(140);
  });

  it('never exceeds its concurrency limit', async () => {
    const governor = new Governor({ concurrency: 3, maxRetries: 0 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        governor.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
        }, never),
      ),
    );
    expect(peak).toBe(3);
    expect(governor.maxInFlight).toBe(3);
  });

  it('turns a retry-after longer than it will wait into a quota stop, instead of sleeping for hours', async () => {
    const governor = new Governor({ concurrency: 1, maxRetries: 5, retryBaseMs: 1, maxPauseMs: 60_000 });
    let calls = 0;
    const error = await governor
      .run(async () => {
        calls += 1;
        throw rateLimited(20 * 3_600_000);
      }, never)
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('quota');
    expect(ProviderError.isInstance(error) && error.retryable).toBe(false);
    expect(String((error as Error).message)).toMatch(/wait 20 h/);
    expect(calls).toBe(1);
  });

  it('halt() releases calls waiting for a slot or sleeping before a retry, but not calls in flight', async () => {
    const governor = new Governor({ concurrency: 1, maxRetries: 3, retryBaseMs: 1 });
    let finishInFlight: () => void = () => {};
    const inFlight = governor.run(
      () =>
        new Promise<string>((resolve) => {
          finishInFlight = () => resolve('finished');
        }),
      never,
    );
    const queued = governor.run(async () => 'ran', never).catch((e: unknown) => e);
    const sleeping = new Governor({ concurrency: 1, maxRetries: 3, retryBaseMs: 1 });
    const retrying = sleeping.run(async () => {
      throw rateLimited(5 * 60_000);
    }, never);
    await new Promise((r) => setTimeout(r, 20));
    governor.halt();
    sleeping.halt();
    const queuedError = await queued;
    expect(ProviderError.isInstance(queuedError) && queuedError.kind).toBe('aborted');
    const retryError = await retrying.catch((e: unknown) => e);
    expect(ProviderError.isInstance(retryError) && retryError.kind).toBe('aborted');
    finishInFlight();
    expect(await inFlight).toBe('finished');
  });

  it('stops waiting when the signal aborts', async () => {
    const governor = new Governor({ concurrency: 1, maxRetries: 0 });
    const controller = new AbortController();
    const slow = governor.run(() => new Promise((r) => setTimeout(r, 100)), never);
    const queued = governor.run(async () => 'ran', controller.signal).catch((e: unknown) => e);
    controller.abort();
    const error = await queued;
    expect(ProviderError.isInstance(error) && error.kind).toBe('aborted');
    await slow;
  });
});

describe('AdaptiveConcurrency', () => {
  it('grows additively on success and halves on overload, once per cooldown', () => {
    const limit = new AdaptiveConcurrency({ initial: 8, max: 64, cooldownMs: 1000 });
    for (let i = 0; i < 9; i++) limit.onSuccess();
    expect(limit.limit).toBe(9);
    limit.onOverload(10_000);
    expect(limit.limit).toBe(4);
    limit.onOverload(10_500);
    expect(limit.limit).toBe(4);
    limit.onOverload(11_001);
    expect(limit.limit).toBe(2);
  });

  it('stays within [1, max]', () => {
    const limit = new AdaptiveConcurrency({ initial: 2, max: 3, cooldownMs: 0 });
    for (let i = 0; i < 100; i++) limit.onSuccess();
    expect(limit.limit).toBe(3);
    for (let i = 0; i < 10; i++) limit.onOverload(i);
    expect(limit.limit).toBe(1);
  });
});

describe('Governor pacing', () => {
  it('a governor with rpm set has no free slot again until the spacing has passed', async () => {
    let now = 0;
    const governor = new Governor({ concurrency: 4, maxRetries: 0, requestsPerMinute: 600, now: () => now });
    expect(governor.hasFreeSlot()).toBe(true);
    await governor.run(async () => 'ok', never);
    expect(governor.hasFreeSlot()).toBe(false);
    now = 102;
    expect(governor.hasFreeSlot()).toBe(true);
  });

  it('a hand-set rpm of 60 lets the next call out 60_000 / 60 ms after the last (at the margin under it), and says so', async () => {
    let now = 0;
    const governor = new Governor({ concurrency: 4, maxRetries: 0, requestsPerMinute: 60, now: () => now });
    expect(governor.pacing).toEqual({ requests: { perMinute: 60, source: 'setting' } });
    await governor.run(async () => 'ok', never);
    now = 1_000; // 0.99 of 60 a minute: not quite one refill yet
    expect(governor.hasFreeSlot()).toBe(false);
    now = 1_011;
    expect(governor.hasFreeSlot()).toBe(true);
    await governor.run(async () => 'ok', never);
    now = 2_020;
    expect(governor.hasFreeSlot()).toBe(false);
    now = 2_022;
    expect(governor.hasFreeSlot()).toBe(true);
  });

  it('spends the burst the headers offer at once, then waits for the refill', async () => {
    let now = 0;
    const governor = new Governor({ concurrency: 64, maxRetries: 0, now: () => now });
    // One call learns the limits: 300 a minute, 5 left, full again in 5 s (a 30-call bucket).
    await governor.run(async () => {
      governor.observe({ limits: { requests: { limit: 300, remaining: 5, resetMs: 5_000 } } }, 100);
      return 'ok';
    }, never);
    const started: number[] = [];
    const calls = Array.from({ length: 6 }, () =>
      governor.run(async () => {
        started.push(now);
      }, never),
    );
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 0, 0, 0, 0]);
    expect(governor.hasFreeSlot()).toBe(false);
    now = 203; // one refill at 0.99 of 300 a minute
    expect(governor.hasFreeSlot()).toBe(true);
    await Promise.all(calls);
    expect(started).toHaveLength(6);
  });
});

describe('Governor without rate-limit headers (AIMD on 429s)', () => {
  it('halves its concurrency on a 429 without headers and grows it back by one per round of successes', async () => {
    let now = 0;
    const governor = new Governor({
      concurrency: 'auto',
      maxConcurrency: 16,
      maxRetries: 1,
      retryBaseMs: 0,
      now: () => now,
    });
    const succeed = async (count: number) => {
      for (let i = 0; i < count; i++) await governor.run(async () => 'ok', never);
    };
    expect(governor.concurrencyLimit).toBe(4);
    // About one more slot per round of `limit` successes: some 4 + 5 + 6 + 7 of them to reach 8.
    let successes = 0;
    while (governor.concurrencyLimit < 8) {
      await succeed(1);
      successes += 1;
    }
    expect(successes).toBeGreaterThanOrEqual(4 + 5 + 6 + 7);
    expect(successes).toBeLessThanOrEqual(4 + 5 + 6 + 7 + 4);
    now = 10_000;
    let attempts = 0;
    await governor.run(async () => {
      attempts += 1;
      if (attempts === 1) throw rateLimited();
      return 'ok';
    }, never);
    expect(attempts).toBe(2);
    expect(governor.concurrencyLimit).toBe(4);
    // A second 429 of the same burst (within the cooldown) does not halve again.
    now = 10_500;
    await governor
      .run(async () => {
        throw rateLimited();
      }, never)
      .catch(() => undefined);
    expect(governor.concurrencyLimit).toBe(4);
    await succeed(4);
    expect(governor.concurrencyLimit).toBe(5);
  });
});
