import { SynthesisError } from '../errors/synthesis-error.js';
import type { RejectEntry, RunJournal } from '../journal/index.js';
import type { RecordEntry } from '../records/record-entry.js';
import type { RunState } from './run-state.js';
import type { RunStop } from './run-tally.js';

/** How a step saves the run: journal records as they are decided, and write the state file. */
export interface StateSaver {
  /** Appends accepted records and rejects (without waiting for the disk). */
  record(accepted: RecordEntry[], rejects: RejectEntry[]): void;
  /**
   * While held, journal writes do not save the state: while a provider batch is collected the state
   * is saved only after each result line, once that line's records are journaled.
   */
  holdStateWrites(hold: boolean): void;
  /** Waits for the journal, then writes the run state. */
  saveState(): Promise<void>;
}

/** The state is written at most this often while records are journaled. */
const STATE_WRITE_INTERVAL_MS = 1000;

/**
 * The run's journal writes: appends started at once (the journal files keep call order and group
 * appends made during one fsync into the next write), the state saved at most once a second, and the
 * first write failure kept: it stops the run, and `drain` throws it as `SynthesisError` `io`.
 */
export class JournalQueue implements StateSaver {
  readonly #journal: RunJournal;
  readonly #state: () => RunState;
  readonly #onFailure: (stop: RunStop) => void;
  #queue: Promise<void> = Promise.resolve();
  #failure: unknown;
  #hold = false;
  #lastStateWrite = 0;

  constructor(options: { journal: RunJournal; state: () => RunState; onFailure: (stop: RunStop) => void }) {
    this.#journal = options.journal;
    this.#state = options.state;
    this.#onFailure = options.onFailure;
  }

  record(accepted: RecordEntry[], rejects: RejectEntry[]): void {
    // Started at once, not after the previous batch's writes, so records do not queue up in memory
    // behind one fsync per batch.
    const written = Promise.all([
      accepted.length > 0 && this.#journal.appendAccepted(accepted),
      rejects.length > 0 && this.#journal.appendRejected(rejects),
    ])
      .then(async () => {
        const now = Date.now();
        if (!this.#hold && now - this.#lastStateWrite >= STATE_WRITE_INTERVAL_MS) {
          this.#lastStateWrite = now;
          await this.#journal.writeState(this.#state());
        }
      })
      .catch((error: unknown) => {
        this.#failure ??= error;
        this.#onFailure({ reason: 'error', message: `Could not write the journal: ${messageOf(error)}` });
      });
    // Awaiting the queue still means: every write enqueued so far is done.
    this.#queue = Promise.all([this.#queue, written]).then(() => undefined);
  }

  holdStateWrites(hold: boolean): void {
    this.#hold = hold;
  }

  /** Waits for every write enqueued so far; throws the first failure. */
  async drain(): Promise<void> {
    await this.#queue;
    this.throwIfFailed();
  }

  async saveState(): Promise<void> {
    await this.drain();
    await this.#journal.writeState(this.#state());
  }

  throwIfFailed(): void {
    if (this.#failure !== undefined) {
      throw new SynthesisError('io', `Could not write the journal: ${messageOf(this.#failure)}`, {
        path: this.#journal.paths.journal,
      });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
