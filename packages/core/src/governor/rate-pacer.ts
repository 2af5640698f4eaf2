import type { RateLimitSnapshot } from '@datasynth/providers';

/**
 * Spaces out dispatches so a run stays under the provider's per-minute request and token limits,
 * learned from the rate-limit headers of the responses (both providers state limits per minute),
 * or set by hand (`rpm` / `tpm`): the lower of the two holds.
 */
export class RatePacer {
  #requestsLimit: number | undefined;
  #tokensLimit: number | undefined;
  #averageTokens = 0;
  #observedCalls = 0;
  #nextAt = 0;
  #blockedUntil = 0;
  /** Share of the advertised limit to use; a hair under 1 absorbs clock skew between us and the server. */
  readonly #headroom: number;

  readonly #manualRequests: number | undefined;
  readonly #manualTokens: number | undefined;

  constructor(options: { headroom?: number; requestsPerMinute?: number; tokensPerMinute?: number } = {}) {
    this.#headroom = options.headroom ?? 0.99;
    this.#manualRequests = options.requestsPerMinute;
    this.#manualTokens = options.tokensPerMinute;
  }

  observe(snapshot: RateLimitSnapshot | undefined, tokensUsed: number, now: number): void {
    this.#observedCalls += 1;
    this.#averageTokens += (tokensUsed - this.#averageTokens) / this.#observedCalls;
    if (!snapshot) return;
    if (snapshot.requestsLimit && snapshot.requestsLimit > 0) this.#requestsLimit = snapshot.requestsLimit;
    if (snapshot.tokensLimit && snapshot.tokensLimit > 0) this.#tokensLimit = snapshot.tokensLimit;
    const exhausted =
      snapshot.requestsRemaining === 0 ||
      (snapshot.tokensRemaining !== undefined && snapshot.tokensRemaining <= 0);
    if (exhausted && snapshot.resetMs !== undefined) {
      this.#blockedUntil = Math.max(this.#blockedUntil, now + snapshot.resetMs);
    }
  }

  /** Minimum spacing between two dispatches, in ms (0 while no limit is known). */
  get intervalMs(): number {
    let interval = 0;
    const requestsLimit = lower(this.#requestsLimit, this.#manualRequests);
    const tokensLimit = lower(this.#tokensLimit, this.#manualTokens);
    if (requestsLimit) interval = 60_000 / (requestsLimit * this.#headroom);
    if (tokensLimit && this.#averageTokens > 0) {
      interval = Math.max(interval, (60_000 * this.#averageTokens) / (tokensLimit * this.#headroom));
    }
    return interval;
  }

  /** Milliseconds to wait before the next dispatch may go out (0 = now). */
  delayFor(now: number): number {
    return Math.max(0, this.#nextAt - now, this.#blockedUntil - now);
  }

  /** Books the dispatch slot at `now`. */
  markDispatched(now: number): void {
    this.#nextAt = Math.max(now, this.#nextAt) + this.intervalMs;
  }
}

/** The lower of two optional limits. */
function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
