/**
 * A client-side model of a rate limit as the providers enforce it: a bucket refilled at
 * `perMinute` up to `capacity`, each call taking its cost out. A call costing more than the
 * capacity still goes out once the bucket is full (one call's worth is always allowed).
 */
export class TokenBucket {
  #ratePerMs: number;
  #capacity: number;
  /** Undefined while the bucket is full (its first call, whatever it costs, goes at once). */
  #level: number | undefined;
  #at: number;

  constructor(options: { perMinute: number; capacity: number; level?: number; now: number }) {
    this.#ratePerMs = options.perMinute / 60_000;
    this.#capacity = options.capacity;
    this.#level = options.level;
    this.#at = options.now;
  }

  get perMinute(): number {
    return this.#ratePerMs * 60_000;
  }

  set perMinute(value: number) {
    this.#ratePerMs = value / 60_000;
  }

  get capacity(): number {
    return this.#capacity;
  }

  set capacity(value: number) {
    this.#capacity = value;
  }

  /** What the bucket holds at `now` for a call of this cost (the cap is at least one call). */
  level(now: number, cost = 0): number {
    const cap = Math.max(this.#capacity, cost);
    if (this.#level === undefined) return cap;
    // A level synced above the cap (the server knows a bigger bucket) is kept, never refilled further.
    if (this.#level >= cap) return this.#level;
    return Math.min(cap, this.#level + Math.max(0, now - this.#at) * this.#ratePerMs);
  }

  /** Milliseconds until a call of this cost fits (0 = now). */
  delayFor(cost: number, now: number): number {
    const missing = cost - this.level(now, cost);
    if (missing <= 0) return 0;
    return this.#ratePerMs > 0 ? missing / this.#ratePerMs : Number.POSITIVE_INFINITY;
  }

  /** Takes a call's cost out at `now` (the level may go below zero: a debt paid by the refill). */
  take(cost: number, now: number): void {
    this.#level = this.level(now, cost) - cost;
    this.#at = now;
  }

  /**
   * Lowers the level to what the server says is left at `now`, never raises it: the figure was
   * computed before the response travelled back, so calls sent meanwhile are missing from it, and
   * a higher figure than ours may well be stale. Servers round `remaining` down to a whole number,
   * so a level less than one above it agrees with the server and is kept (resetting it would
   * throw away the refill in progress at every response). A lower figure (another client on the
   * same key, a bucket smaller than we thought) holds at once.
   */
  sync(remaining: number, now: number): void {
    if (this.level(now) >= remaining + 1) {
      this.#level = remaining;
      this.#at = now;
    }
  }
}
