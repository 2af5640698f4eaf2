import { ToolError } from './tool-error.js';

interface ActiveWriter {
  signal: AbortSignal;
  settled: Promise<void>;
}

/**
 * One writer per output file at a time, within this server. A second call for the same output is
 * refused while the first is running; when the first was cancelled (it is stopping and saving its
 * journal), the second waits for it, so "cancel, then resume" works without a race.
 */
export class OutputLocks {
  readonly #active = new Map<string, ActiveWriter>();

  /** Waits for a cancelled writer of `output` to settle, then holds `output` until `release` is called. */
  async acquire(output: string, signal: AbortSignal): Promise<() => void> {
    for (let current = this.#active.get(output); current; current = this.#active.get(output)) {
      if (!current.signal.aborted) {
        throw new ToolError(
          'busy',
          `Another call or synthesis job is writing ${output} right now: wait for it to finish (synthesis_status follows a job), or cancel it (cancel_synthesis stops a job) and then resume.`,
        );
      }
      await current.settled;
    }
    let release!: () => void;
    const settled = new Promise<void>((resolve) => {
      release = () => {
        if (this.#active.get(output)?.settled === settled) this.#active.delete(output);
        resolve();
      };
    });
    this.#active.set(output, { signal, settled });
    return release;
  }

  /** Outputs being written now. */
  get size(): number {
    return this.#active.size;
  }
}
