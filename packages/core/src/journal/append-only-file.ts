import { type FileHandle, open } from 'node:fs/promises';
import { describeIoError, JournalError } from './journal-error.js';

/**
 * One append-only JSONL file. Appends land in call order and never interleave bytes. Appends
 * made while a write is in flight are grouped into the next write, one write and one fsync for
 * the whole group (group commit), so a fast producer neither waits on one fsync per append nor
 * piles up a queue of pending appends. A failed write is cut back off the file, so no torn line
 * is left in the middle; every append of that group fails, and so does every later one (the file
 * takes appends again once opened anew, on resume). Opened lazily with `O_APPEND`.
 */
export class AppendOnlyFile {
  readonly path: string;
  readonly #label: string;
  #handle: FileHandle | undefined;
  #size = 0;
  #queue: Promise<void> = Promise.resolve();
  // Appends waiting for the next write, and that write's promise.
  #waiting: string[] = [];
  #nextWrite: Promise<void> | undefined;
  #failure: JournalError | undefined;
  #closed = false;

  constructor(filePath: string, label: string) {
    this.path = filePath;
    this.#label = label;
  }

  /** Appends `text` (complete lines) and resolves once it is on disk. */
  append(text: string): Promise<void> {
    if (this.#closed) {
      return Promise.reject(
        new JournalError(
          'io',
          this.path,
          `The ${this.#label} ${this.path} is closed; open the journal again.`,
        ),
      );
    }
    this.#waiting.push(text);
    this.#nextWrite ??= this.#enqueue(() => {
      const group = this.#waiting.join('');
      this.#waiting = [];
      this.#nextWrite = undefined;
      return this.#write(Buffer.from(group, 'utf8'));
    });
    return this.#nextWrite;
  }

  /** Waits for pending appends, then closes the file. Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(bytes: Buffer): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    let handle = this.#handle;
    try {
      if (handle === undefined) {
        handle = await open(this.path, 'a');
        this.#handle = handle;
        this.#size = (await handle.stat()).size;
      }
      await handle.writeFile(bytes);
      await handle.sync();
      this.#size += bytes.length;
    } catch (error) {
      const reason = describeIoError(error);
      const repaired = handle === undefined || (await this.#cutBack(handle));
      // Later appends fail too, even when the file was repaired: lines written after a lost group
      // would leave a gap in the record numbering, and a resume would hand out ids twice.
      this.#failure = new JournalError(
        'io',
        this.path,
        repaired
          ? `Could not append to the ${this.#label} ${this.path}: ${reason}. Free space or fix permissions, then resume.`
          : `The ${this.#label} ${this.path} could not be written (${reason}) nor repaired; stop, fix the disk problem and resume.`,
        { cause: error },
      );
      throw this.#failure;
    }
  }

  async #cutBack(handle: FileHandle): Promise<boolean> {
    try {
      await handle.truncate(this.#size);
      await handle.sync();
      return true;
    } catch {
      return false;
    }
  }
}
