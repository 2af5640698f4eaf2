/** What went wrong, as a stable machine-readable code. */
export type PromptsErrorCode =
  | 'schema_invalid'
  | 'seeds_invalid'
  | 'file_not_found'
  | 'file_unreadable'
  | 'file_too_large'
  | 'not_utf8'
  | 'too_deep'
  | 'parse_failed'
  | 'no_records';

/** The one error class `@datasynth/prompts` throws. Messages are single lines that say what is wrong and where. */
export class PromptsError extends Error {
  override readonly name = 'PromptsError';
  readonly code: PromptsErrorCode;
  /** The file involved, when there is one. */
  readonly file?: string;

  constructor(code: PromptsErrorCode, message: string, options?: { file?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.file !== undefined) this.file = options.file;
  }

  /** True for a `PromptsError`, also across duplicated copies of this package. */
  static isInstance(value: unknown): value is PromptsError {
    return value instanceof Error && value.name === 'PromptsError' && 'code' in value;
  }
}
