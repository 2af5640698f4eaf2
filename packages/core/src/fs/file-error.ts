import { hasMarker, PathError } from './path-error.js';

const MARKER = Symbol.for('datasynth.FileError');

/**
 * Why a file helper failed:
 * - `corrupt`: the file was read but does not hold what it must (records, JSON);
 * - `io`: the file system refused a read, write, fsync or rename, or the file is missing.
 */
export type FileErrorCode = 'corrupt' | 'io';

/**
 * A failure of a file helper in `fs/`, naming the file. The journal and the output writers turn it
 * into their own error types.
 */
export class FileError extends PathError<FileErrorCode> {
  readonly [MARKER] = true;
  override readonly name = 'FileError';
}

/** True for a `FileError` from any copy of this package. */
export function isFileError(value: unknown): value is FileError {
  return hasMarker(value, MARKER);
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
