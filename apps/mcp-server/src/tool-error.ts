const MARKER = Symbol.for('datasynth.ToolError');

/**
 * Why the server refused a tool call before reaching core:
 * - `invalid_arguments`: arguments that do not fit together (e.g. both `analysis_dir` and `schema_path`);
 * - `path_refused`: a path outside the server root, directly or through a symlink;
 * - `busy`: another call or job is writing the same output right now;
 * - `not_found`: no run has written the output a job tool names;
 * - `not_confirmed`: the user could not be asked to confirm a run's estimated cost.
 */
export type ToolErrorCode = 'invalid_arguments' | 'path_refused' | 'busy' | 'not_found' | 'not_confirmed';

/** A one-line refusal of a tool call that says what to do instead. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly [MARKER] = true;

  constructor(code: ToolErrorCode, message: string) {
    super(message);
    this.name = 'ToolError';
    this.code = code;
  }

  /** True for a ToolError from any copy of this module. */
  static isInstance(value: unknown): value is ToolError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
