const MARKER = Symbol.for('datasynth.OutputError');

/**
 * Why an output could not be written, read or converted:
 * - `unmappable`: the records have no fields that fit the asked format (alpaca, sharegpt, openai);
 * - `unreadable`: an input file is missing or is not a records file;
 * - `exists`: the target exists and overwriting was not asked for;
 * - `unsupported_format`: the format name is not one of `OUTPUT_FORMATS`;
 * - `format_mismatch`: the format contradicts the output's extension (`alpaca` into `.jsonl`, `sharegpt` into `.json`);
 * - `invalid_target`: the output is a folder, device, FIFO or socket, under /proc or /sys, or in a folder that cannot be written;
 * - `io`: the file system refused a write.
 */
export type OutputErrorCode =
  | 'unmappable'
  | 'unreadable'
  | 'exists'
  | 'unsupported_format'
  | 'format_mismatch'
  | 'invalid_target'
  | 'io';

/** A one-line, user-facing output failure that says what to do next. */
export class OutputError extends Error {
  /** What kind of failure this is; apps map it to an exit code. */
  readonly code: OutputErrorCode;
  /** The file the failure is about, when there is one. */
  readonly path?: string;
  readonly [MARKER] = true;

  constructor(code: OutputErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutputError';
    this.code = code;
    if (options.path !== undefined) this.path = options.path;
  }

  /** True for an `OutputError` from any copy of this package. */
  static isInstance(value: unknown): value is OutputError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
