import { type ParsedSchema, type ParseSchemaOptions, parseSchema } from './parse-schema.js';
import { PromptsError } from './prompts-error.js';
import { type ReadTextOptions, readTextFile } from './read-text-file.js';

/** Reads a schema file's JSON without interpreting it (internal; readDataRecipeFolder also needs `dataset_id`). */
export function readSchemaDocument(path: string, options: ReadTextOptions = {}): unknown {
  const text = readTextFile(path, 'schema file', options);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PromptsError('schema_invalid', `${path}: not valid JSON (${reason})`, { file: path, cause });
  }
}

/**
 * Reads and parses a schema file (DataRecipe DATA_SCHEMA.json, a JSON Schema or a field list, as JSON).
 * `seeds`, when given, fill in what DataRecipe's `nested_type` leaves out (see `parseSchema`);
 * `maxBytes` bounds the file (see `readTextFile`).
 */
export function readSchemaFile(
  path: string,
  options: Pick<ParseSchemaOptions, 'seeds'> & ReadTextOptions = {},
): ParsedSchema {
  const { maxBytes, ...parse } = options;
  return parseSchema(readSchemaDocument(path, maxBytes === undefined ? {} : { maxBytes }), {
    ...parse,
    file: path,
  });
}
