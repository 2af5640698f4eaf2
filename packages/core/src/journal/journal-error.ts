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

/** The short reason an I/O error gives (`ENOSPC: no space left on device`), never a stack. */
export function describeIoError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.replace(/\s+/g, ' ').trim();
    return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
  }
  return String(error);
}
