/** State of one limit, for the rate-limit response headers. */
export interface LimitState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window is fully replenished. */
  resetMs: number;
}

/** Outcome of a rate-limit check. */
export type LimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; limit: 'requests' | 'tokens' };

interface WindowEntry {
  time: number;
  tokens: number;
}

/** Sliding-window requests-per-minute and tokens-per-minute limits. */
export class RateLimitWindow {
  readonly #rpm: number | undefined;
  readonly #tpm: number | undefined;
  readonly #windowMs: number;
  #entries: WindowEntry[] = [];

  constructor(options: { rpm?: number; tpm?: number; windowMs: number }) {
    this.#rpm = options.rpm;
    this.#tpm = options.tpm;
    this.#windowMs = options.windowMs;
  }

  /** True when any limit is configured (then responses carry rate-limit headers). */
  get active(): boolean {
    return this.#rpm !== undefined || this.#tpm !== undefined;
  }

  /** Whether a request with this many input tokens may be admitted now. */
  check(now: number, inputTokens: number): LimitDecision {
    this.#prune(now);
    if (this.#rpm !== undefined && this.#entries.length >= this.#rpm) {
      const index = this.#entries.length - this.#rpm;
      const entry = this.#entries[index];
      return { allowed: false, retryAfterMs: this.#expiry(entry, now), limit: 'requests' };
    }
    if (this.#tpm !== undefined && this.#entries.length > 0) {
      let used = this.#usedTokens();
      if (used + inputTokens > this.#tpm) {
        for (const entry of this.#entries) {
          used -= entry.tokens;
          if (used + inputTokens <= this.#tpm) {
            return { allowed: false, retryAfterMs: this.#expiry(entry, now), limit: 'tokens' };
          }
        }
        return { allowed: false, retryAfterMs: this.#expiry(this.#entries.at(-1), now), limit: 'tokens' };
      }
    }
    return { allowed: true };
  }

  /** Counts an admitted request; returns a handle to add its output tokens later. */
  admit(now: number, inputTokens: number): { addTokens(tokens: number): void } {
    const entry: WindowEntry = { time: now, tokens: inputTokens };
    this.#entries.push(entry);
    return {
      addTokens: (tokens: number) => {
        entry.tokens += tokens;
      },
    };
  }

  /** Current state of each configured limit. */
  state(now: number): { requests?: LimitState; tokens?: LimitState } {
    this.#prune(now);
    const newest = this.#entries.at(-1);
    const resetMs = newest ? this.#expiry(newest, now) : 0;
    const result: { requests?: LimitState; tokens?: LimitState } = {};
    if (this.#rpm !== undefined) {
      result.requests = {
        limit: this.#rpm,
        remaining: Math.max(0, this.#rpm - this.#entries.length),
        resetMs,
      };
    }
    if (this.#tpm !== undefined) {
      result.tokens = { limit: this.#tpm, remaining: Math.max(0, this.#tpm - this.#usedTokens()), resetMs };
    }
    return result;
  }

  #usedTokens(): number {
    return this.#entries.reduce((sum, entry) => sum + entry.tokens, 0);
  }

  #expiry(entry: WindowEntry | undefined, now: number): number {
    return entry ? Math.max(1, entry.time + this.#windowMs - now) : 1;
  }

  #prune(now: number): void {
    const cutoff = now - this.#windowMs;
    let drop = 0;
    while (drop < this.#entries.length && (this.#entries[drop]?.time ?? 0) <= cutoff) drop += 1;
    if (drop > 0) this.#entries.splice(0, drop);
  }
}
