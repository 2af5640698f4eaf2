import { isJsonObject, type JsonObject } from './json-value.js';

function countKnown(keys: string[], fieldNames: ReadonlySet<string>): number {
  return keys.filter((key) => fieldNames.has(key)).length;
}

/**
 * Unwraps a sample wrapper to its `data` object, as the Python DataSynth does for any item with an object
 * `data`: DataRecipe's `{id: "SAMPLE_001", data: {...}}`, analyze-spec's `{id, task_type, data,
 * think_process, automation_status, metadata}`, DataSynth's `{id, data, synthetic}`. With the schema's field
 * names, an item stays whole when its own keys match the schema better than `data`'s do (a record with a
 * real `data` field, or a model reply).
 */
export function unwrapSample(item: JsonObject, fieldNames?: ReadonlySet<string>): JsonObject {
  const data = item.data;
  if (!isJsonObject(data)) return item;
  if (fieldNames === undefined || fieldNames.size === 0) return data;
  const outer = countKnown(Object.keys(item), fieldNames);
  const inner = countKnown(Object.keys(data), fieldNames);
  return inner > outer ? data : item;
}
