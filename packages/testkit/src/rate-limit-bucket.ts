import type { LimitDecision, LimitState } from './rate-limit-window.js';

/** Token-bucket limits as the real APIs enforce them (see `TestServerOptions.tokenBucket`). */
export interface TokenBucketOptions {
  /** Requests per minute: the refill rate of the requests bucket. */
  requestsPerMinute?: number;
  /** Input plus output tokens per minute: the refill rate of the tokens bucket. */
  tokensPerMinute?: number;
  /** How many seconds of the rate each bucket holds when full (the burst a client may spend at once). */
  burstSeconds: number;
  /** Send the rate-limit headers (default true); false plays a server that only answers 429s. */
  limitHeaders?: boolean;
}

class Bucket {
  readonly #perMs: number;
  readonly capacity: number;
  #level: number;
  #at: number;

  constructor(perMinute: number, burstSeconds: number, now: number) {
    this.#perMs = perMinute / 60_000;
    this.capacity = Math.max(1, perMinute * (burstSeconds / 60));
    this.#level = this.capacity;
    this.#at = now;
  }

  level(now: number): number {
    this.#level = Math.min(this.capacity, this.#level + Math.max(0, now - this.#at) * this.#perMs);
    this.#at = Math.max(this.#at, now);
    return this.#level;
  }

  /** Milliseconds until `cost` fits (0 = now); a cost above the capacity waits for a full bucket. */
  waitFor(cost: number, now: number): number {
    const missing = Math.min(cost, this.capacity) - this.level(now);
    return missing <= 0 ? 0 : Math.ceil(missing / this.#perMs);
  }

  take(cost: number, now: number): void {
    this.#level = this.level(now) - cost;
  }

  state(limit: number, now: number): LimitState {
    const level = this.level(now);
    return {
      limit,
      remaining: Math.max(0, Math.floor(level)),
      resetMs: Math.ceil((this.capacity - level) / this.#perMs),
    };
  }
}

/**
 * Requests and tokens per minute enforced as token buckets, the way both providers describe their
 * limits: capacity refills continuously at the per-minute rate up to a full bucket, `remaining` is
 * what the bucket holds now and `reset` is when it is full again. A request is admitted while one
 * request and its input tokens fit; its output tokens leave the bucket when they are generated.
 */
export class RateLimitBucket {
  readonly #options: TokenBucketOptions;
  readonly #requests: Bucket | undefined;
  readonly #tokens: Bucket | undefined;

  constructor(options: TokenBucketOptions, now: number = Date.now()) {
    this.#options = options;
    const { requestsPerMinute, tokensPerMinute, burstSeconds } = options;
    if (requestsPerMinute !== undefined) this.#requests = new Bucket(requestsPerMinute, burstSeconds, now);
    if (tokensPerMinute !== undefined) this.#tokens = new Bucket(tokensPerMinute, burstSeconds, now);
  }

  /** True when responses carry rate-limit headers. */
  get active(): boolean {
    return (
      (this.#requests !== undefined || this.#tokens !== undefined) && this.#options.limitHeaders !== false
    );
  }

  check(now: number, inputTokens: number): LimitDecision {
    const requestsWait = this.#requests?.waitFor(1, now) ?? 0;
    if (requestsWait > 0) return { allowed: false, retryAfterMs: requestsWait, limit: 'requests' };
    const tokensWait = this.#tokens?.waitFor(inputTokens, now) ?? 0;
    if (tokensWait > 0) return { allowed: false, retryAfterMs: tokensWait, limit: 'tokens' };
    return { allowed: true };
  }

  admit(now: number, inputTokens: number): { addTokens(tokens: number): void } {
    this.#requests?.take(1, now);
    this.#tokens?.take(inputTokens, now);
    return { addTokens: (tokens) => this.#tokens?.take(tokens, Date.now()) };
  }

  state(now: number): { requests?: LimitState; tokens?: LimitState } {
    if (this.#options.limitHeaders === false) return {};
    const result: { requests?: LimitState; tokens?: LimitState } = {};
    if (this.#requests) result.requests = this.#requests.state(this.#options.requestsPerMinute ?? 0, now);
    if (this.#tokens) result.tokens = this.#tokens.state(this.#options.tokensPerMinute ?? 0, now);
    return result;
  }
}
