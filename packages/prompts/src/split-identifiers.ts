import type { FieldSpec } from './dataset-schema.js';

// Names that mark a record's identifier in DataRecipe schemas (`id`, listed as a real field) and JSON Schemas.
const IDENTIFIER_NAMES = new Set(['id', 'uuid', '_id']);

/** Whether a top-level field identifies the record (assigned by DataSynth, not generated). */
export function isIdentifierField(field: FieldSpec): boolean {
  return (
    IDENTIFIER_NAMES.has(field.name.toLowerCase()) && (field.type === 'string' || field.type === 'integer')
  );
}

/** Splits top-level fields into those the model writes and the identifiers DataSynth assigns. */
export function splitIdentifiers(all: FieldSpec[]): { fields: FieldSpec[]; identifiers: FieldSpec[] } {
  const fields: FieldSpec[] = [];
  const identifiers: FieldSpec[] = [];
  for (const field of all) (isIdentifierField(field) ? identifiers : fields).push(field);
  return { fields, identifiers };
}
