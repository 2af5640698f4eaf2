const MARKER = Symbol.for('datasynth.FileError');

/**
 * Why a file helper failed:
 * - `corrupt`: the file was read but does not hold what it must (records, JSON);
 * - `io`: the file system refused a read, write, fsync or rename, or the file is missing.
 */
export type FileErrorCode = 'corrupt' | 'io';

/**
 * A one-line, user-facing failure of a file helper in `fs/`, naming the file. The journal and the
 * output writers turn it into their own error types; it never reaches an app on its own.
 */
export class FileError extends Error {
  /** What kind of failure this is. */
  readonly code: FileErrorCode;
  /** The file the failure is about. */
  readonly path: string;
  readonly [MARKER] = true;

  constructor(code: FileErrorCode, path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FileError';
    this.code = code;
    this.path = path;
  }

  /** True for a `FileError` from any copy of this package. */
  static isInstance(value: unknown): value is FileError {
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
