const MARKER = Symbol.for('datasynth.SynthesisError');

/**
 * Why a synthesis could not start or had to stop. `code` lets apps pick an exit code:
 * - `invalid_input`: a bad schema, seeds, config value or argument (the message names which);
 * - `exists`: the output exists and neither resume nor overwrite was asked for;
 * - `locked`: another process is writing the same output right now (it holds the lock file, `journalPaths(output).lock`);
 * - `schema_mismatch`: resume under a different schema than the run was started with;
 * - `no_api_key`: no key for the provider, and no local base URL;
 * - `unpriced_model`: a cost cap was asked for but the model has no price;
 * - `io`: a file could not be read or written.
 */
export type SynthesisErrorCode =
  | 'invalid_input'
  | 'exists'
  | 'locked'
  | 'schema_mismatch'
  | 'no_api_key'
  | 'unpriced_model'
  | 'io';

/** A one-line, user-facing failure that says what to do next. */
export class SynthesisError extends Error {
  readonly code: SynthesisErrorCode;
  /** The file the problem is about, when there is one. */
  readonly path?: string;
  /** The provider concerned (`no_api_key`): 'anthropic' or 'openai'. */
  readonly provider?: string;
  /**
   * The settings the message tells the user to change, by their config names, with the value that
   * would help (`{ resume: true, overwrite: true }`, `{ batchApi: false }`): the message speaks of
   * settings, and each app says how they are set in it (CLI flags, MCP tool arguments).
   */
  readonly settings?: Readonly<Record<string, boolean>>;
  readonly [MARKER] = true;

  constructor(
    code: SynthesisErrorCode,
    message: string,
    options: { path?: string; provider?: string; settings?: Readonly<Record<string, boolean>> } = {},
  ) {
    super(message);
    this.name = 'SynthesisError';
    this.code = code;
    if (options.path !== undefined) this.path = options.path;
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.settings !== undefined) this.settings = options.settings;
  }

  static isInstance(value: unknown): value is SynthesisError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
