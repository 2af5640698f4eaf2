import { isFileError } from '../fs/file-error.js';
import { hasMarker, PathError } from '../fs/path-error.js';

export { describeIoError } from '../fs/file-error.js';

const MARKER = Symbol.for('datasynth.JournalError');

/**
 * Why a journal or output file operation failed:
 * - `exists`: a new run was asked for but its output, journal, rejects or state file is already there;
 * - `corrupt`: a file that must be JSON (a journal line, the state) is not, somewhere a crash cannot explain;
 * - `locked`: another live process is writing the same output (it holds the output's lock file, `journalPaths(output).lock`);
 * - `io`: the file system refused a read, write, fsync or rename.
 */
export type JournalErrorCode = 'exists' | 'corrupt' | 'locked' | 'io';

/** A one-line, user-facing journal failure naming the file and what to do next. */
export class JournalError extends PathError<JournalErrorCode> {
  readonly [MARKER] = true;
  override readonly name = 'JournalError';

  /** True for a `JournalError` from any copy of this package. */
  static isInstance(value: unknown): value is JournalError {
    return hasMarker(value, MARKER);
  }
}

/** The same failure of a file helper (`fs/`) as a `JournalError`; anything else is returned as it is. */
export function toJournalError(error: unknown): unknown {
  if (!isFileError(error)) return error;
  return new JournalError(error.code, error.path, error.message, { cause: error });
}
