import type { FieldType } from './dataset-schema.js';

// Both DataRecipe vocabularies (JSON names and the Python ones), plus `str`/`dict`.
const FIELD_TYPE_ALIASES: Readonly<Record<string, FieldType>> = {
  string: 'string',
  text: 'string',
  str: 'string',
  integer: 'integer',
  int: 'integer',
  number: 'number',
  float: 'number',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  object: 'object',
  dict: 'object',
};

/** Every type name a schema may use, for error messages. */
export const FIELD_TYPE_NAMES: readonly string[] = Object.keys(FIELD_TYPE_ALIASES);

/** Maps a DataRecipe / JSON Schema type name (case-insensitive) to a `FieldType`; undefined when unknown. */
export function normaliseFieldType(name: string): FieldType | undefined {
  return Object.hasOwn(FIELD_TYPE_ALIASES, name.toLowerCase())
    ? FIELD_TYPE_ALIASES[name.toLowerCase()]
    : undefined;
}
