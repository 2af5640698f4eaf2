import type { DatasetSchema, FieldSpec } from './dataset-schema.js';

function placeholder(field: FieldSpec): unknown {
  const first = field.constraints.enum?.[0];
  switch (field.type) {
    case 'string':
      return '...';
    case 'integer':
      return typeof first === 'number' ? first : (field.constraints.range?.[0] ?? 0);
    case 'number':
      return typeof first === 'number' ? first : (field.constraints.range?.[0] ?? 0.5);
    case 'boolean':
      return false;
    case 'array':
      return field.items ? [placeholder(field.items)] : [];
    case 'object':
      return field.fields ? skeletonOf(field.fields) : {};
  }
}

function skeletonOf(fields: FieldSpec[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of fields) record[field.name] = placeholder(field);
  return record;
}

/** One record with placeholder values and exactly the schema's keys, as a one-line JSON string (internal). */
export function recordSkeleton(schema: DatasetSchema): string {
  // Pretty-print, then fold onto one line: `{ "a": "...", "b": [ "..." ] }`. Placeholders hold no line breaks.
  return JSON.stringify(skeletonOf(schema.fields), null, 1).replace(/\n\s*/g, ' ');
}
