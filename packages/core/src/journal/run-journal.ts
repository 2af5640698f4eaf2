import { writeFileAtomic } from '../fs/index.js';
import { AppendOnlyFile } from './append-only-file.js';
import type { JournalEntry, RejectEntry } from './journal-entry.js';
import { toJournalError } from './journal-error.js';
import type { JournalPaths } from './journal-paths.js';
import type { OutputLock } from './output-lock.js';

/**
 * The durable record of one run: accepted records and rejects are appended as they happen (calls
 * made while a write is in flight share the next write + fsync), the run state is replaced
 * atomically. Get one from `openJournal`. Calls may overlap; each file's appends are applied in
 * call order, and each call resolves once its lines are on disk. After a failed append the file
 * takes no more appends (resume to continue). It holds the output's lock (`journalPaths(output).lock`) until
 * `close()`.
 */
export class RunJournal {
  /** The files this journal writes. */
  readonly paths: JournalPaths;
  readonly #accepted: AppendOnlyFile;
  readonly #rejected: AppendOnlyFile;
  readonly #lock: OutputLock | undefined;
  #stateQueue: Promise<void> = Promise.resolve();

  /**
   * Use `openJournal`, which takes the output's lock and checks, repairs and creates the files
   * first; this only opens them lazily (and releases `lock`, when given, on `close()`).
   */
  constructor(paths: JournalPaths, lock?: OutputLock) {
    this.paths = paths;
    this.#lock = lock;
    this.#accepted = new AppendOnlyFile(paths.journal, 'journal');
    this.#rejected = new AppendOnlyFile(paths.rejects, 'rejects file');
  }

  /**
   * Appends accepted records, one JSON line each, and resolves once they are on disk.
   *
   * @throws (rejects with) TypeError when an entry has no string `id` or no object `data`, or is not JSON-serialisable.
   * @throws JournalError `io` when the write or fsync fails (the file is left as it was).
   */
  async appendAccepted(entries: JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    let text = '';
    for (const entry of entries) {
      if (typeof entry.id !== 'string' || entry.id === '')
        throw new TypeError('appendAccepted: every entry needs an id');
      if (typeof entry.data !== 'object' || entry.data === null || Array.isArray(entry.data)) {
        throw new TypeError(`appendAccepted: entry ${entry.id} needs a data object`);
      }
      text += `${JSON.stringify(entry)}\n`;
    }
    return this.#accepted.append(text);
  }

  /**
   * Appends rejected items, one JSON line each (`at` filled with the current time when missing),
   * and resolves once they are on disk.
   *
   * @throws JournalError `io` when the write or fsync fails.
   */
  async appendRejected(entries: RejectEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date().toISOString();
    let text = '';
    for (const entry of entries) text += `${JSON.stringify({ ...entry, at: entry.at ?? at })}\n`;
    return this.#rejected.append(text);
  }

  /**
   * Replaces the state file atomically with `state` (any JSON value). Overlapping calls are
   * applied in call order, so the last call's state is the one left on disk.
   *
   * @throws (rejects with) TypeError when `state` is not JSON-serialisable.
   * @throws JournalError `io` when the file cannot be written.
   */
  async writeState(state: unknown): Promise<void> {
    const text = JSON.stringify(state, null, 2);
    if (text === undefined) throw new TypeError('writeState: the state must be a JSON value');
    const run = this.#stateQueue.then(() =>
      writeFileAtomic(this.paths.state, `${text}\n`).catch((error: unknown) => {
        throw toJournalError(error);
      }),
    );
    this.#stateQueue = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending writes, closes the files and releases the output's lock. Safe to call twice. */
  async close(): Promise<void> {
    try {
      await Promise.all([this.#accepted.close(), this.#rejected.close(), this.#stateQueue]);
    } finally {
      await this.#lock?.release();
    }
  }
}
