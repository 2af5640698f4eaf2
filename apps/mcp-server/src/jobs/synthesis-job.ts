import type { SynthesisEvent, SynthesisProgress, SynthesisResult } from '@datasynth/core';

/** What a job was started with, for its status and its resume hint. */
export interface SynthesisJobPlan {
  /** The output file (absolute): the job's key. */
  output: string;
  /** The output as tool calls name it (relative to the server root). */
  handle: string;
  /** Records the run is to reach (including any already saved). */
  target: number;
  /** Estimated USD for the records still to make; undefined for a model without a known price. */
  estimatedCost: number | undefined;
  /** Expected seconds (a planning figure); undefined for batch-API runs. */
  expectedSeconds: number | undefined;
  /** The `synthesize_data` arguments that continue this run after a stop (`resume: true`). */
  resumeArguments: Record<string, unknown>;
}

/** Where a job is: preflight, generating, stopping after a cancel, or ended (with a result or an error). */
export type SynthesisJobPhase = 'starting' | 'running' | 'stopping' | 'ended';

/**
 * One synthesis run inside the server process, followed by the calls that started, poll or cancel
 * it. The run starts at once; its events go to whoever subscribes, and its last progress, result or
 * error stay readable after it ends.
 */
export class SynthesisJob {
  readonly plan: SynthesisJobPlan;
  readonly startedAt = new Date();
  /** Resolves once the run has passed its preflight and started, or has ended (whichever is first). */
  readonly started: Promise<void>;
  /** Resolves when the run has ended, with a result or an error; never rejects. */
  readonly settled: Promise<void>;
  readonly #controller: AbortController;
  readonly #listeners = new Set<(event: SynthesisEvent) => void>();
  #phase: SynthesisJobPhase = 'starting';
  #alreadyAccepted = 0;
  #progress: SynthesisProgress | undefined;
  #result: SynthesisResult | undefined;
  #error: unknown;

  /**
   * @param run starts the run with the job's signal and its event sink.
   * @param signals `cancel` is aborted by {@link cancel}; the run stops on it or on `shutdown`.
   */
  constructor(
    plan: SynthesisJobPlan,
    run: (signal: AbortSignal, onEvent: (event: SynthesisEvent) => void) => Promise<SynthesisResult>,
    signals: { cancel: AbortController; shutdown: AbortSignal },
  ) {
    this.plan = plan;
    this.#controller = signals.cancel;
    const shutdown = signals.shutdown;
    let markStarted!: () => void;
    this.started = new Promise((resolve) => {
      markStarted = resolve;
    });
    const signal = AbortSignal.any([this.#controller.signal, shutdown]);
    const onEvent = (event: SynthesisEvent): void => {
      if (event.type === 'start') {
        this.#alreadyAccepted = event.alreadyAccepted;
        if (this.#phase === 'starting') this.#phase = 'running';
        markStarted();
      } else if (event.type === 'progress') {
        this.#progress = event.progress;
      }
      for (const listener of this.#listeners) listener(event);
    };
    this.settled = run(signal, onEvent).then(
      (result) => {
        this.#result = result;
      },
      (error: unknown) => {
        this.#error = error;
      },
    );
    this.settled = this.settled.finally(() => {
      this.#phase = 'ended';
      markStarted();
    });
    signal.addEventListener(
      'abort',
      () => {
        if (this.#phase !== 'ended') this.#phase = 'stopping';
      },
      { once: true },
    );
  }

  get phase(): SynthesisJobPhase {
    return this.#phase;
  }

  /** The abort signal the run listens to. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Records saved before this run started (a resume finds them on disk). */
  get alreadyAccepted(): number {
    return this.#alreadyAccepted;
  }

  /** The run's last progress event, if any came. */
  get progress(): SynthesisProgress | undefined {
    return this.#progress;
  }

  /** The run's result, once it has ended normally (done or stopped). */
  get result(): SynthesisResult | undefined {
    return this.#result;
  }

  /** What the run threw, when it ended with an error instead of a result. */
  get error(): unknown {
    return this.#error;
  }

  /** True once the run ended with an error (a refusal in its preflight, or a failure later). */
  get failed(): boolean {
    return this.#phase === 'ended' && this.#result === undefined;
  }

  /** Waits until the run has ended, `ms` have passed or `signal` is aborted, whichever is first. */
  async endedWithin(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || this.#phase === 'ended' || signal?.aborted) return;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        this.settled,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, ms);
          onAbort = resolve;
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the run: no new calls, calls in flight get their grace period, the journal is saved. */
  cancel(): void {
    this.#controller.abort();
  }

  /** Passes the run's events to `listener` until the returned function is called. */
  subscribe(listener: (event: SynthesisEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
