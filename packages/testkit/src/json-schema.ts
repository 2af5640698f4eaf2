/** A JSON Schema as received on the wire: an untyped object. */
export type JsonSchema = Record<string, unknown>;

/** True for a plain (non-array) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The branches of an `anyOf` (else a `oneOf`), or undefined when the schema is no union. */
export function unionBranches(schema: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(schema.anyOf)) return schema.anyOf;
  if (Array.isArray(schema.oneOf)) return schema.oneOf;
  return undefined;
}

/**
 * Follows local `$ref`s (`#/$defs/x`, `#/definitions/x`) against the root schema and flattens
 * `anyOf`/`oneOf` to their first non-null branch and `allOf` to a merge, so callers see one
 * concrete schema. Unknown references resolve to `{}` (any value).
 */
export function resolveSchema(schema: unknown, root: JsonSchema, depth = 0): JsonSchema {
  if (!isPlainObject(schema) || depth > 32) return {};
  const reference = schema.$ref;
  if (typeof reference === 'string') {
    const target = reference.startsWith('#/') ? lookupPointer(root, reference.slice(2)) : undefined;
    const { $ref: _ignored, ...rest } = schema;
    return resolveSchema({ ...(isPlainObject(target) ? target : {}), ...rest }, root, depth + 1);
  }
  const branches = unionBranches(schema);
  if (branches) {
    const chosen = branches.find((branch) => !isNullSchema(branch)) ?? branches[0];
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    return resolveSchema({ ...rest, ...(isPlainObject(chosen) ? chosen : {}) }, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const merged: JsonSchema = { ...rest };
    for (const part of allOf) {
      const resolved = resolveSchema(part, root, depth + 1);
      const properties = { ...(asObject(merged.properties) ?? {}), ...(asObject(resolved.properties) ?? {}) };
      const required = [...asStringList(merged.required), ...asStringList(resolved.required)];
      Object.assign(merged, resolved, { properties, required });
    }
    return merged;
  }
  return schema;
}

/** The schema's main type: the first non-null entry of `type`, or one inferred from its keywords. */
export function schemaType(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const concrete = type.find((entry) => entry !== 'null');
    return typeof concrete === 'string' ? concrete : 'null';
  }
  if (Array.isArray(schema.enum)) return undefined;
  if ('const' in schema) return undefined;
  if (isPlainObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** The `required` list of an object schema. */
export function requiredKeys(schema: JsonSchema): string[] {
  return asStringList(schema.required);
}

/** The `properties` map of an object schema (empty when absent). */
export function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return asObject(schema.properties) ?? {};
}

function isNullSchema(schema: unknown): boolean {
  return isPlainObject(schema) && schema.type === 'null';
}

function lookupPointer(root: JsonSchema, pointer: string): unknown {
  let current: unknown = root;
  for (const rawPart of pointer.split('/')) {
    const part = rawPart.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}
