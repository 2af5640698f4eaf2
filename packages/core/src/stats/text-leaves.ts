// Records come from JSON, so nesting is shallow; the limit only guards against cycles.
const MAX_DEPTH = 64;

/**
 * Calls `visit(path, text)` for every string leaf of a record. Paths name the field, with
 * `.key` for nested objects and `[]` for array items: `instruction`, `instances[].output`,
 * `tags[]`.
 */
export function forEachTextLeaf(
  record: Record<string, unknown>,
  visit: (path: string, text: string) => void,
): void {
  for (const key of Object.keys(record)) walk(record[key], key, visit, 0);
}

function walk(
  value: unknown,
  path: string,
  visit: (path: string, text: string) => void,
  depth: number,
): void {
  if (typeof value === 'string') {
    visit(path, value);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, visit, depth + 1);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) walk(object[key], `${path}.${key}`, visit, depth + 1);
}
