import type { PromptCache } from './prompt-cache.js';
import type { RateLimitBucket } from './rate-limit-bucket.js';
import type { RateLimitWindow } from './rate-limit-window.js';
import type { RecordEngine } from './record-engine.js';
import type { StatsRecorder } from './stats-recorder.js';
import type { TestServerOptions } from './test-server-types.js';

/** Issues readable, deterministic ids (`msg_testkit_000001`, …), one counter per prefix. */
export class IdFactory {
  readonly #counters = new Map<string, number>();

  /** The next id with this prefix. */
  next(prefix: string): string {
    const value = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, value);
    return `${prefix}${String(value).padStart(6, '0')}`;
  }
}

/** Timers that must not outlive the server (batch processing). */
export class TimerSet {
  readonly #tasks = new Map<NodeJS.Timeout, () => void>();

  /** Runs `task` after `ms` milliseconds unless the set is cleared or run first. */
  schedule(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.#tasks.delete(timer);
      task();
    }, ms);
    timer.unref();
    this.#tasks.set(timer, task);
  }

  /** Runs every pending task now, in the order scheduled (a test's "time has passed"). */
  runAll(): void {
    const pending = [...this.#tasks];
    this.#tasks.clear();
    for (const [timer, task] of pending) {
      clearTimeout(timer);
      task();
    }
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const timer of this.#tasks.keys()) clearTimeout(timer);
    this.#tasks.clear();
  }
}

/** Everything the route handlers share. */
export interface ServerContext {
  options: TestServerOptions;
  engine: RecordEngine;
  stats: StatsRecorder;
  /** The rpm/tpm sliding window, or the token buckets when `tokenBucket` is set. */
  limits: RateLimitWindow | RateLimitBucket;
  cache: PromptCache;
  ids: IdFactory;
  timers: TimerSet;
  /** Base URL of the server, e.g. `http://127.0.0.1:PORT`. */
  url(): string;
  /** Aborted when the server closes. */
  closing: AbortSignal;
}
