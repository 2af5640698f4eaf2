import { isJsonObject, type JsonObject } from './json-value.js';

// Keys of a DataRecipe / DataSynth sample wrapper: {id, data, synthetic?, metadata?}.
const WRAPPER_KEYS = new Set(['id', 'data', 'synthetic', 'metadata']);

/**
 * Unwraps `{id: "SAMPLE_001", data: {...}}` to its `data`. With the schema's field names, only when the
 * record's fields are inside `data` (a schema that really has a `data` field keeps the object as is).
 */
export function unwrapSample(item: JsonObject, fieldNames?: ReadonlySet<string>): JsonObject {
  const data = item.data;
  if (!isJsonObject(data)) return item;
  const keys = Object.keys(item);
  if (!keys.every((key) => WRAPPER_KEYS.has(key))) return item;
  if (fieldNames === undefined || fieldNames.size === 0) return data;
  if (!keys.some((key) => fieldNames.has(key))) return data;
  if (fieldNames.has('data')) return item;
  return Object.keys(data).some((key) => fieldNames.has(key)) ? data : item;
}
