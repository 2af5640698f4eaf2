import { PromptsError } from './prompts-error.js';

/** State shared while one schema is read: where it came from and the warnings gathered so far. */
export interface SchemaParseContext {
  file?: string;
  warnings: string[];
  /** Seed records, when known: they show what DataRecipe's `nested_type` leaves out (element keys and types). */
  seeds?: Record<string, unknown>[];
}

/** Throws `PromptsError('schema_invalid')` with a one-line message, prefixed by the file when known. */
export function failSchema(context: SchemaParseContext, message: string): never {
  const text = context.file === undefined ? `invalid schema: ${message}` : `${context.file}: ${message}`;
  throw new PromptsError(
    'schema_invalid',
    text,
    context.file === undefined ? undefined : { file: context.file },
  );
}
