/**
 * Additive-increase / multiplicative-decrease concurrency limit.
 * Grows by about one slot per window of successful calls, halves on overload, and never halves
 * twice for the same burst of errors (calls already in flight when it dropped do not count).
 */
export class AdaptiveConcurrency {
  #limit: number;
  readonly #min: number;
  readonly #max: number;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  readonly #cooldownMs: number;

  constructor(options: { initial: number; min?: number; max: number; cooldownMs?: number }) {
    this.#max = options.max;
    this.#min = Math.min(options.min ?? 1, options.max);
    this.#limit = Math.min(Math.max(options.initial, this.#min), this.#max);
    this.#cooldownMs = options.cooldownMs ?? 1000;
  }

  /** Whole number of calls that may be in flight now. */
  get limit(): number {
    return Math.max(this.#min, Math.floor(this.#limit));
  }

  onSuccess(): void {
    this.#limit = Math.min(this.#max, this.#limit + 1 / Math.max(1, this.#limit));
  }

  onOverload(now: number): void {
    if (now - this.#lastDecreaseAt < this.#cooldownMs) return;
    this.#lastDecreaseAt = now;
    this.#limit = Math.max(this.#min, this.#limit / 2);
  }
}
