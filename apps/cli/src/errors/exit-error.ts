/** A failure the CLI expected: print `message` as one line (when not empty) and exit with `code`. */
export class ExitError extends Error {
  readonly code: number;
  /** The machine-readable code `--json` reports (default `exit`), e.g. the code of the error this wraps. */
  readonly errorCode: string;

  constructor(code: number, message: string, options: { errorCode?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExitError';
    this.code = code;
    this.errorCode = options.errorCode ?? 'exit';
  }
}
