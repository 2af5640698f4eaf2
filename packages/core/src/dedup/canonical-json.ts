/**
 * Serialises a JSON-like value with object keys sorted (by UTF-16 code unit order) at every
 * depth, so two records that differ only in key order serialise identically. Follows
 * `JSON.stringify` for everything else: `toJSON` is honoured, `undefined`, functions and symbols
 * are dropped from objects and become `null` in arrays, non-finite numbers become `null`.
 *
 * @throws TypeError on a circular structure or a bigint (neither can be JSON).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set()) ?? 'null';
}

function serialise(value: unknown, ancestors: Set<object>): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint cannot be serialised as JSON');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  let out: string;
  if (Array.isArray(object)) {
    const parts: string[] = [];
    for (const item of object) parts.push(serialise(item, ancestors) ?? 'null');
    out = `[${parts.join(',')}]`;
  } else {
    const entries = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(entries).sort()) {
      const serialised = serialise(entries[key], ancestors);
      if (serialised !== undefined) parts.push(`${JSON.stringify(key)}:${serialised}`);
    }
    out = `{${parts.join(',')}}`;
  }
  ancestors.delete(object);
  return out;
}
