import { isPlainObject, type JsonSchema, propertiesOf, resolveSchema, schemaType } from './json-schema.js';

/** Where the list of records sits in a structured-output schema. */
export type RecordsLocation =
  | { kind: 'root-array'; arraySchema: JsonSchema; recordSchema: JsonSchema }
  | { kind: 'property'; key: string; arraySchema: JsonSchema; recordSchema: JsonSchema }
  | { kind: 'single'; recordSchema: JsonSchema };

/**
 * Finds the records array of a schema: the schema itself when it is an array, else its `records`
 * property, else its first array-of-objects property, else its first array property. A schema
 * without any array describes a single record.
 */
export function locateRecords(root: JsonSchema): RecordsLocation {
  const resolved = resolveSchema(root, root);
  if (schemaType(resolved) === 'array') {
    return { kind: 'root-array', arraySchema: resolved, recordSchema: resolveSchema(resolved.items, root) };
  }
  const arrays: { key: string; schema: JsonSchema; items: JsonSchema }[] = [];
  for (const [key, property] of Object.entries(propertiesOf(resolved))) {
    const schema = resolveSchema(property, root);
    if (schemaType(schema) !== 'array') continue;
    arrays.push({ key, schema, items: resolveSchema(schema.items, root) });
  }
  const chosen =
    arrays.find((entry) => entry.key === 'records') ??
    arrays.find((entry) => schemaType(entry.items) === 'object' || isPlainObject(entry.items.properties)) ??
    arrays[0];
  if (chosen) {
    return { kind: 'property', key: chosen.key, arraySchema: chosen.schema, recordSchema: chosen.items };
  }
  return { kind: 'single', recordSchema: resolved };
}
