/** A failure the CLI expected: print `message` as one line (when not empty) and exit with `code`. */
export class ExitError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}
