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
  const short = shortened(message);
  const text = context.file === undefined ? `invalid schema: ${short}` : `${context.file}: ${short}`;
  throw new PromptsError(
    'schema_invalid',
    text,
    context.file === undefined ? undefined : { file: context.file },
  );
}

/** The longest message a schema problem gets: it quotes the user's values, which can be any length. */
const MAX_MESSAGE_CHARS = 300;

function shortened(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  const half = Math.floor((MAX_MESSAGE_CHARS - 1) / 2);
  return `${message.slice(0, half)}…${message.slice(-half)}`;
}
