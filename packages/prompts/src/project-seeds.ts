import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import { isJsonObject } from './json-value.js';

/** Seeds cut down to the fields the model writes, and which keys were left out. */
export interface ProjectedSeeds {
  seeds: Record<string, unknown>[];
  /** Paths of left-out keys, first seen first: `id`, `instances[].note`. Identifiers and extra keys alike. */
  leftOut: string[];
}

function project(value: unknown, field: FieldSpec, where: string, leftOut: Set<string>): unknown {
  if (field.type === 'object' && field.fields && isJsonObject(value)) {
    return projectObject(value, field.fields, where, leftOut);
  }
  if (field.type === 'array' && field.items && Array.isArray(value)) {
    const items = field.items;
    return value.map((element) => project(element, items, `${where}[]`, leftOut));
  }
  return value;
}

function projectObject(
  record: Record<string, unknown>,
  fields: FieldSpec[],
  where: string,
  leftOut: Set<string>,
): Record<string, unknown> {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = byName.get(key);
    const path = where === '' ? key : `${where}.${key}`;
    if (field === undefined) leftOut.add(path);
    else kept[key] = project(value, field, path, leftOut);
  }
  return kept;
}

/**
 * Keeps only the fields the model writes: identifiers (DataSynth assigns them) and keys the schema does
 * not list (a JSON Schema allows them, but the prompt asks for the schema's fields) are left out of the
 * examples a prompt shows. Seeds are never refused for extra keys; the caller says once what was left out.
 */
export function projectSeeds(seeds: Record<string, unknown>[], schema: DatasetSchema): ProjectedSeeds {
  const leftOut = new Set<string>();
  const projected = seeds.map((seed) => projectObject(seed, schema.fields, '', leftOut));
  return { seeds: projected, leftOut: [...leftOut] };
}
