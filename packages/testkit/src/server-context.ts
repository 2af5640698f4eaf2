import type { PromptCache } from './prompt-cache.js';
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
  readonly #timers = new Set<NodeJS.Timeout>();

  /** Runs `task` after `ms` milliseconds unless the set is cleared first. */
  schedule(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** Everything the route handlers share. */
export interface ServerContext {
  options: TestServerOptions;
  engine: RecordEngine;
  stats: StatsRecorder;
  limits: RateLimitWindow;
  cache: PromptCache;
  ids: IdFactory;
  timers: TimerSet;
  /** Base URL of the server, e.g. `http://127.0.0.1:PORT`. */
  url(): string;
  /** Aborted when the server closes. */
  closing: AbortSignal;
}
