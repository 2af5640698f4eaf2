/**
 * A one-line, user-facing failure about one file, with a string-union `code` apps map to exit codes.
 * `FileError` and `JournalError` are its kinds; each marks its instances so `isInstance` works
 * across copies of this package.
 */
export class PathError<Code extends string> extends Error {
  /** What kind of failure this is. */
  readonly code: Code;
  /** The file the failure is about. */
  readonly path: string;

  constructor(code: Code, path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = path;
  }
}

/** True when `value` carries `marker` (set by the error class that owns it). */
export function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && marker in value;
}
