import type { RateLimitReading, RateLimitReadings, RateLimitSnapshot } from '@datasynth/providers';
import { TokenBucket } from './token-bucket.js';

/**
 * Tokens one call used, as the pacer counts them against each limit. Reads from the prompt cache
 * are left out: for most models Anthropic does not count them against its input-token limit (its
 * rate-limit page, read 2026-12-06), and counting them
 * would slow a cached run several times over for nothing (before, the pacer counted input plus
 * output alone, as here).
 */
export interface TokenUse {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens?: number;
}

type LimitKind = keyof RateLimitReadings;

/** Where a pacing limit came from: a setting (`rpm` / `tpm`) or the server's rate-limit headers. */
export type PacingSource = 'setting' | 'headers';

/** A limit calls are paced at: so many per minute (requests or tokens), and where it came from. */
export interface PacingLimit {
  perMinute: number;
  source: PacingSource;
}

/**
 * The limits in force, per kind: `requests` and `tokens` (input + output; the `rpm` / `tpm`
 * settings set these), and `inputTokens` / `outputTokens` (Anthropic's headers only). Where a
 * setting and the headers both give one, the lower holds (the setting on a tie). Empty while
 * neither is known: then concurrency alone adapts, on 429s.
 */
export type PacingLimits = Partial<Record<LimitKind, PacingLimit>>;

const limitKinds: readonly LimitKind[] = ['requests', 'tokens', 'inputTokens', 'outputTokens'];

/**
 * Paces dispatches from the server's own numbers. The providers state per-minute limits that
 * refill continuously (Anthropic's are token buckets; OpenAI's reset is "the time until the rate
 * limit resets to its initial state" — platform.openai.com/docs/guides/rate-limits and the Claude
 * rate-limit headers as documented in docs.aws.amazon.com/claude-platform/latest/userguide/
 * rate-limits.html, read 2026-12-06), and say on every response what each bucket holds (`remaining`) and when it is full again
 * (`reset`). So the pacer keeps a model of each bucket: it spends what `remaining` allows at once
 * (the burst), then goes at the refill rate (the limit per minute), and every response can lower
 * the model's level (never raise it: see {@link TokenBucket.sync}). Limits set by hand (`rpm` / `tpm`) are buckets of one call (even
 * spacing from the first call) that hold alongside the server's: the lower rate wins.
 *
 * The model's refill runs at `headroom` (a hair under 1) of the advertised rate, so our clock
 * running a little fast against the server's, or a `remaining` rounded down, never makes us early.
 */
export class RatePacer {
  readonly #headroom: number;
  readonly #server = new Map<LimitKind, TokenBucket>();
  /** The smallest bucket size each limit's headers implied (`remaining` + what refills by `reset`). */
  readonly #serverCapacity = new Map<LimitKind, number>();
  /** Each limit's advertised rate, as its headers last said. */
  readonly #serverLimits = new Map<LimitKind, number>();
  readonly #manualRequests: TokenBucket | undefined;
  readonly #manualRequestsPerMinute: number | undefined;
  #manualTokens: TokenBucket | undefined;
  readonly #manualTokensPerMinute: number | undefined;
  readonly #average = { tokens: 0, inputTokens: 0, outputTokens: 0 };
  #observedCalls = 0;
  #blockedUntil = 0;

  constructor(options: { headroom?: number; requestsPerMinute?: number; tokensPerMinute?: number } = {}) {
    this.#headroom = options.headroom ?? 0.99;
    this.#manualRequestsPerMinute = options.requestsPerMinute;
    if (options.requestsPerMinute !== undefined) {
      this.#manualRequests = new TokenBucket({
        perMinute: options.requestsPerMinute * this.#headroom,
        capacity: 0,
        now: 0,
      });
    }
    this.#manualTokensPerMinute = options.tokensPerMinute;
  }

  /** Feeds one response: its rate-limit headers (if any) and the tokens the call used. */
  observe(snapshot: RateLimitSnapshot | undefined, used: number | TokenUse, now: number): void {
    this.#countTokens(used);
    if (this.#manualTokensPerMinute !== undefined && !this.#manualTokens && this.#average.tokens > 0) {
      this.#manualTokens = new TokenBucket({
        perMinute: this.#manualTokensPerMinute * this.#headroom,
        capacity: 0,
        now,
      });
    }
    if (!snapshot) return;
    const readings = snapshot.limits ?? readingsOfFlatSnapshot(snapshot);
    for (const kind of limitKinds) {
      const reading = readings[kind];
      if (reading) this.#sync(kind, reading, now);
    }
  }

  /** The limits paced at (the advertised rates, not the margin kept under them), see {@link PacingLimits}. */
  get limits(): PacingLimits {
    const limits: PacingLimits = {};
    for (const kind of limitKinds) {
      const setting =
        kind === 'requests'
          ? this.#manualRequestsPerMinute
          : kind === 'tokens'
            ? this.#manualTokensPerMinute
            : undefined;
      const server = this.#serverLimits.get(kind);
      if (setting !== undefined && (server === undefined || setting <= server)) {
        limits[kind] = { perMinute: setting, source: 'setting' };
      } else if (server !== undefined) {
        limits[kind] = { perMinute: server, source: 'headers' };
      }
    }
    return limits;
  }

  /** Steady spacing between two dispatches once every burst is spent, in ms (0 while no limit is known). */
  get intervalMs(): number {
    let interval = 0;
    for (const [bucket, cost] of this.#buckets()) {
      if (cost > 0 && bucket.perMinute > 0) interval = Math.max(interval, (60_000 * cost) / bucket.perMinute);
    }
    return interval;
  }

  /** Milliseconds to wait before the next dispatch may go out (0 = now). */
  delayFor(now: number): number {
    let delay = Math.max(0, this.#blockedUntil - now);
    for (const [bucket, cost] of this.#buckets()) delay = Math.max(delay, bucket.delayFor(cost, now));
    return delay;
  }

  /** Books a dispatch at `now`: its expected cost leaves every bucket. */
  markDispatched(now: number): void {
    for (const [bucket, cost] of this.#buckets()) bucket.take(cost, now);
  }

  /** Each bucket in force with what one call is expected to take from it. */
  *#buckets(): Generator<[TokenBucket, number]> {
    if (this.#manualRequests) yield [this.#manualRequests, 1];
    if (this.#manualTokens) yield [this.#manualTokens, this.#average.tokens];
    for (const [kind, bucket] of this.#server) yield [bucket, kind === 'requests' ? 1 : this.#average[kind]];
  }

  #countTokens(used: number | TokenUse): void {
    const input = typeof used === 'number' ? 0 : used.inputTokens + (used.cacheWriteTokens ?? 0);
    const output = typeof used === 'number' ? 0 : used.outputTokens;
    const total = typeof used === 'number' ? used : input + output;
    this.#observedCalls += 1;
    const weight = 1 / this.#observedCalls;
    this.#average.tokens += (total - this.#average.tokens) * weight;
    this.#average.inputTokens += (input - this.#average.inputTokens) * weight;
    this.#average.outputTokens += (output - this.#average.outputTokens) * weight;
  }

  #sync(kind: LimitKind, reading: RateLimitReading, now: number): void {
    const { limit, remaining, resetMs } = reading;
    if (!limit || limit <= 0) {
      // No rate to model: all we know is that nothing goes out before the reset.
      if (remaining === 0 && resetMs !== undefined) {
        this.#blockedUntil = Math.max(this.#blockedUntil, now + resetMs);
      }
      return;
    }
    this.#serverLimits.set(kind, limit);
    // The bucket size: what is left plus what refills until it is full. Reset times come rounded
    // (Anthropic's to the second), which only overstates it, so the smallest figure seen holds.
    if (remaining !== undefined) {
      const implied = Math.min(limit, remaining + ((resetMs ?? 0) * limit) / 60_000);
      this.#serverCapacity.set(kind, Math.min(this.#serverCapacity.get(kind) ?? implied, implied));
    }
    const capacity = this.#serverCapacity.get(kind) ?? 0;
    const perMinute = limit * this.#headroom;
    const bucket = this.#server.get(kind);
    if (!bucket) {
      this.#server.set(
        kind,
        new TokenBucket({ perMinute, capacity, now, ...(remaining !== undefined && { level: remaining }) }),
      );
      return;
    }
    bucket.perMinute = perMinute;
    bucket.capacity = capacity;
    if (remaining !== undefined) bucket.sync(remaining, now);
  }
}

/** The readings of a snapshot that has only the flat figures (one combined reset). */
function readingsOfFlatSnapshot(snapshot: RateLimitSnapshot): RateLimitReadings {
  return {
    requests: {
      limit: snapshot.requestsLimit,
      remaining: snapshot.requestsRemaining,
      resetMs: snapshot.resetMs,
    },
    tokens: { limit: snapshot.tokensLimit, remaining: snapshot.tokensRemaining, resetMs: snapshot.resetMs },
  };
}
