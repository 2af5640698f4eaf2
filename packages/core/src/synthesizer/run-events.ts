import type { SynthesisEvent } from './events.js';

/** Warnings kept in the result at the most; later ones are still emitted. */
const MAX_KEPT_WARNINGS = 200;

/**
 * What a run tells its caller: events to the listener (whose bugs never break the run) and
 * warnings, each kept for the result and emitted once unless said otherwise.
 */
export class RunEvents {
  readonly #listener: ((event: SynthesisEvent) => void) | undefined;
  readonly #warnings: string[] = [];
  readonly #seen = new Set<string>();

  constructor(listener?: (event: SynthesisEvent) => void) {
    this.#listener = listener;
  }

  /** The warnings given so far, in order. */
  get warnings(): readonly string[] {
    return this.#warnings;
  }

  emit(event: SynthesisEvent): void {
    try {
      this.#listener?.(event);
    } catch {
      // A listener's bug must not break the run.
    }
  }

  /** Emits a warning; the same text only once unless `once` is false. */
  warn(message: string, options: { once?: boolean } = {}): void {
    if (options.once !== false) {
      if (this.#seen.has(message)) return;
      this.#seen.add(message);
    }
    if (this.#warnings.length < MAX_KEPT_WARNINGS) this.#warnings.push(message);
    this.emit({ type: 'warning', message });
  }
}

/** How a step gives a warning (see {@link RunEvents.warn}). */
export type Warn = (message: string, options?: { once?: boolean }) => void;
