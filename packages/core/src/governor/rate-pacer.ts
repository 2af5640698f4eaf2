import type { RateLimitSnapshot } from '@datasynth/providers';

/**
 * Spaces out dispatches so a run stays under the provider's per-minute request and token limits,
 * learned from the rate-limit headers of the responses (both providers state limits per minute).
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

  constructor(options: { headroom?: number } = {}) {
    this.#headroom = options.headroom ?? 0.99;
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
    if (this.#requestsLimit) interval = 60_000 / (this.#requestsLimit * this.#headroom);
    if (this.#tokensLimit && this.#averageTokens > 0) {
      interval = Math.max(interval, (60_000 * this.#averageTokens) / (this.#tokensLimit * this.#headroom));
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
