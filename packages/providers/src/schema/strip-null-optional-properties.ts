import type { JsonSchema } from '../spec/json-schema.js';
import { allowsNull } from './nullable-schema.js';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(schema: Schema, root: Schema, depth: number): Schema {
  let current = schema;
  for (let hop = 0; hop < 8 && typeof current.$ref === 'string' && depth < 64; hop += 1) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isSchema(target) ? target[key] : undefined;
    }
    if (!isSchema(target)) return current;
    current = target;
  }
  return current;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function branchFor(schema: Schema, value: unknown, root: Schema, depth: number): Schema | undefined {
  const branches = (schema.anyOf ?? schema.oneOf) as unknown;
  if (!Array.isArray(branches)) return schema;
  const type = jsonType(value);
  for (const branch of branches) {
    if (!isSchema(branch)) continue;
    const resolved = resolveRef(branch, root, depth);
    const types =
      typeof resolved.type === 'string' ? [resolved.type] : (resolved.type as unknown[] | undefined);
    const matches =
      types?.includes(type) ||
      (type === 'integer' && types?.includes('number')) ||
      (type === 'object' && types === undefined && isSchema(resolved.properties));
    if (matches) return resolved;
  }
  return undefined;
}

function strip(value: unknown, input: unknown, root: Schema, depth: number): unknown {
  if (!isSchema(input) || depth > 64) return value;
  const schema = branchFor(resolveRef(input, root, depth), value, root, depth);
  if (!schema) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    return isSchema(items) ? value.map((item) => strip(item, items, root, depth + 1)) : value;
  }
  if (!isSchema(value) || !isSchema(schema.properties)) return value;
  const properties = schema.properties;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties[key];
    const resolvedChild = isSchema(childSchema) ? resolveRef(childSchema, root, depth) : childSchema;
    if (child === null && !required.has(key) && childSchema !== undefined && !allowsNull(resolvedChild)) {
      continue;
    }
    result[key] = strip(child, childSchema, root, depth + 1);
  }
  return result;
}

/**
 * Removes the `null`s strict mode forces into optional properties, guided by the caller's
 * original schema: a property that is optional there and does not admit `null` is dropped when
 * null, so the caller's validator sees it absent, as the schema meant.
 */
export function stripNullOptionalProperties(value: unknown, originalSchema: JsonSchema): unknown {
  return strip(value, originalSchema, originalSchema, 0);
}
