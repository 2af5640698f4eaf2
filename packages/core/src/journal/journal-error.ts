import { FileError } from '../fs/file-error.js';

export { describeIoError } from '../fs/file-error.js';

const MARKER = Symbol.for('datasynth.JournalError');

/**
 * Why a journal or output file operation failed:
 * - `exists`: a new run was asked for but its output, journal, rejects or state file is already there;
 * - `corrupt`: a file that must be JSON (a journal line, the state) is not, somewhere a crash cannot explain;
 * - `locked`: another live process is writing the same output (it holds `<output>.lock`);
 * - `io`: the file system refused a read, write, fsync or rename.
 */
export type JournalErrorCode = 'exists' | 'corrupt' | 'locked' | 'io';

/** A one-line, user-facing journal failure naming the file and what to do next. */
export class JournalError extends Error {
  /** What kind of failure this is; apps map it to an exit code. */
  readonly code: JournalErrorCode;
  /** The file the failure is about. */
  readonly path: string;
  readonly [MARKER] = true;

  constructor(code: JournalErrorCode, path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JournalError';
    this.code = code;
    this.path = path;
  }

  /** True for a `JournalError` from any copy of this package. */
  static isInstance(value: unknown): value is JournalError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

/** The same failure of a file helper (`fs/`) as a `JournalError`; anything else is returned as it is. */
export function toJournalError(error: unknown): unknown {
  if (!FileError.isInstance(error)) return error;
  return new JournalError(error.code, error.path, error.message, { cause: error });
}
