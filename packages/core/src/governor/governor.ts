import { ProviderError, type RateLimitSnapshot } from '@datasynth/providers';
import { AdaptiveConcurrency } from './adaptive-concurrency.js';
import { backoffDelay } from './backoff.js';
import { ConnectionBreaker } from './connection-breaker.js';
import { type PacingLimits, RatePacer, type TokenUse } from './rate-pacer.js';

/** What the governor tells its owner about retries and stops (rendered as warning events). */
export type GovernorNotice =
  | { type: 'retry'; attempt: number; delayMs: number; error: ProviderError }
  | { type: 'pause'; untilMs: number; error: ProviderError };

export interface GovernorOptions {
  /** 'auto' adapts between 1 and `maxConcurrency`; a number is the ceiling, still halved on overload. */
  concurrency: 'auto' | number;
  /** Retries of one call after its first attempt, for retryable errors only. */
  maxRetries: number;
  /** Upper bound for 'auto' (default 64). */
  maxConcurrency?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * Longest `retry-after` worth waiting for (default 10 minutes). A provider asking for more (a daily
   * or long-window limit) gets a non-retryable `quota` error instead: stop, save, resume later.
   */
  maxPauseMs?: number;
  random?: () => number;
  now?: () => number;
  onNotice?: (notice: GovernorNotice) => void;
  /**
   * Network failures or timeouts in a row that end every call (default 3); a network failure before
   * the endpoint ever answered ends them at once. See {@link ConnectionBreaker}.
   */
  breakerLimit?: number;
  /** Requests per minute set by hand: pacing never goes above it (nor above the provider's headers). */
  requestsPerMinute?: number;
  /** Tokens per minute set by hand, as `requestsPerMinute`. */
  tokensPerMinute?: number;
}

/** A call the governor schedules: it gets the attempt number (0 first) and a signal that aborts it. */
export type GovernedCall<T> = (attempt: number, signal: AbortSignal) => Promise<T>;

/**
 * The one scheduler for every model call of a run: adaptive concurrency (AIMD), pacing from
 * rate-limit headers, a global pause on `retry-after`, exponential backoff with jitter for retryable
 * errors only. Non-retryable errors (auth, quota, invalid request) are thrown at once; the
 * synthesizer decides to stop.
 */
export class Governor {
  readonly #concurrency: AdaptiveConcurrency;
  readonly #pacer: RatePacer;
  readonly #breaker: ConnectionBreaker;
  readonly #options: Required<
    Omit<
      GovernorOptions,
      'onNotice' | 'concurrency' | 'breakerLimit' | 'requestsPerMinute' | 'tokensPerMinute'
    >
  > &
    Pick<GovernorOptions, 'onNotice'>;
  #inFlight = 0;
  #maxInFlight = 0;
  #pausedUntil = 0;
  #wakers: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #halted = false;
  readonly #sleepers = new Set<() => void>();

  constructor(options: GovernorOptions) {
    const maxConcurrency = options.maxConcurrency ?? 64;
    const fixed = options.concurrency !== 'auto';
    this.#concurrency = new AdaptiveConcurrency({
      initial: fixed ? (options.concurrency as number) : Math.min(4, maxConcurrency),
      max: fixed ? (options.concurrency as number) : maxConcurrency,
    });
    this.#breaker = new ConnectionBreaker(options.breakerLimit ?? 3);
    this.#pacer = new RatePacer({
      ...(options.requestsPerMinute !== undefined && { requestsPerMinute: options.requestsPerMinute }),
      ...(options.tokensPerMinute !== undefined && { tokensPerMinute: options.tokensPerMinute }),
    });
    this.#options = {
      maxRetries: options.maxRetries,
      maxConcurrency,
      retryBaseMs: options.retryBaseMs ?? 1000,
      retryMaxMs: options.retryMaxMs ?? 60_000,
      maxPauseMs: options.maxPauseMs ?? 10 * 60_000,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      onNotice: options.onNotice,
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Most calls in flight at once so far. */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  /** The limits calls are paced at right now and where each came from (settings or headers). */
  get pacing(): PacingLimits {
    return this.#pacer.limits;
  }

  get concurrencyLimit(): number {
    return this.#concurrency.limit;
  }

  /** True when a new call could start right now without waiting. */
  hasFreeSlot(): boolean {
    const now = this.#options.now();
    return (
      this.#inFlight < this.#concurrency.limit && now >= this.#pausedUntil && this.#pacer.delayFor(now) === 0
    );
  }

  /** Free slots by the concurrency limit alone (ignores pacing), for planning how much to queue. */
  get freeSlots(): number {
    return Math.max(0, this.#concurrency.limit - this.#inFlight);
  }

  /** Feeds a response's rate-limit snapshot and token use (a total, or split) into pacing. */
  observe(snapshot: RateLimitSnapshot | undefined, used: number | TokenUse): void {
    this.#pacer.observe(snapshot, used, this.#options.now());
  }

  /**
   * Stops handing out slots: every call waiting for one (or sleeping before a retry) fails at once
   * with `aborted`, and later calls too. Calls in flight are not touched — they finish or are
   * aborted through their own signal.
   */
  halt(): void {
    this.#halted = true;
    for (const wake of this.#sleepers) wake();
    this.#wakeAll();
  }

  /** Runs `call` under the governor, retrying retryable failures; throws a ProviderError otherwise. */
  async run<T>(call: GovernedCall<T>, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.#acquire(signal);
      let error: ProviderError;
      try {
        const result = await call(attempt, signal);
        this.#breaker.onAnswer();
        this.#concurrency.onSuccess();
        return result;
      } catch (cause) {
        // Only provider failures are the governor's business; anything else is the caller's.
        if (!ProviderError.isInstance(cause)) throw cause;
        error = cause;
      } finally {
        this.#release();
      }
      // A dead endpoint (or one that stopped answering) fails every call the same way: no retries.
      const open = signal.aborted ? undefined : this.#breaker.onFailure(error);
      if (open) throw open;
      if (error.kind === 'rate_limit' || error.kind === 'overloaded') {
        this.#concurrency.onOverload(this.#options.now());
      }
      if (!error.retryable || attempt >= this.#options.maxRetries || signal.aborted) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > this.#options.maxPauseMs) {
        throw new ProviderError({
          kind: 'quota',
          message: `The provider asks to wait ${formatWait(error.retryAfterMs)} before the next call (a long-window limit): ${error.message}`,
          ...(error.status !== undefined && { status: error.status }),
          ...(error.provider !== undefined && { provider: error.provider }),
        });
      }
      const now = this.#options.now();
      if (error.retryAfterMs !== undefined) {
        // One call hearing "retry after" means every call would: pause them all.
        const until = now + error.retryAfterMs;
        if (until > this.#pausedUntil) {
          this.#pausedUntil = until;
          this.#options.onNotice?.({ type: 'pause', untilMs: until, error });
        }
      }
      const delayMs = Math.max(
        error.retryAfterMs ?? 0,
        backoffDelay({
          attempt,
          baseMs: this.#options.retryBaseMs,
          maxMs: this.#options.retryMaxMs,
          random: this.#options.random,
          // The server may still be working on the abandoned call (a one-slot local server is): wait
          // at least half the backoff, never retry at once.
          ...(error.kind === 'timeout' && { floorShare: 0.5 }),
        }),
      );
      this.#options.onNotice?.({ type: 'retry', attempt: attempt + 1, delayMs, error });
      await this.#sleep(delayMs, signal);
    }
  }

  /** Waits before a retry; cut short by the signal or by `halt()`. */
  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (ms <= 0 || signal.aborted || this.#halted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.#sleepers.add(done);
    });
  }

  async #acquire(signal: AbortSignal): Promise<void> {
    for (;;) {
      throwIfAborted(signal);
      if (this.#halted) throw new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
      const now = this.#options.now();
      const waitMs = Math.max(this.#pausedUntil - now, this.#pacer.delayFor(now));
      if (this.#inFlight < this.#concurrency.limit && waitMs <= 0) {
        this.#inFlight += 1;
        this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
        this.#pacer.markDispatched(now);
        return;
      }
      await this.#waitForChange(this.#inFlight < this.#concurrency.limit ? waitMs : undefined, signal);
    }
  }

  #release(): void {
    this.#inFlight -= 1;
    this.#wakeAll();
  }

  #wakeAll(): void {
    const wakers = this.#wakers;
    this.#wakers = [];
    for (const wake of wakers) wake();
  }

  #waitForChange(timeoutMs: number | undefined, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#wakers.push(done);
      signal.addEventListener('abort', done, { once: true });
      if (timeoutMs !== undefined) {
        // One shared timer, set for the earliest deadline, wakes every waiter; each re-checks its own condition.
        const delay = Math.max(1, Math.ceil(timeoutMs));
        const at = this.#options.now() + delay;
        if (at < this.#timerAt) {
          if (this.#timer) clearTimeout(this.#timer);
          this.#timerAt = at;
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#timerAt = Number.POSITIVE_INFINITY;
            this.#wakeAll();
          }, delay);
        }
      }
    });
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ProviderError({ kind: 'aborted', message: 'The run was cancelled.' });
}

function formatWait(ms: number): string {
  const minutes = ms / 60_000;
  return minutes < 120 ? `${Math.round(minutes)} min` : `${Math.round(minutes / 60)} h`;
}
