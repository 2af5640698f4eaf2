import { isPlainObject, type JsonSchema, resolveSchema, unionBranches } from './json-schema.js';

/** What {@link schemaViolations} checks. */
export interface SchemaViolationOptions {
  /**
   * Check only the shape (types, enum, const, required, additional properties, items, branches):
   * string length, pattern, numeric range and item-count limits are skipped.
   */
  shapeOnly?: boolean;
}

/**
 * Lists where a value breaks a JSON Schema (the structured-output subset: type, properties,
 * required, additionalProperties:false, items, min/maxItems, enum, const, min/maxLength, pattern,
 * minimum/maximum, exclusive bounds, multipleOf, anyOf/oneOf, local $ref). Written independently of the generator so tests can
 * check its output; an empty list means the value conforms.
 */
export function schemaViolations(
  value: unknown,
  schema: unknown,
  options: SchemaViolationOptions = {},
): string[] {
  return violations(value, schema, schema as JsonSchema, '$', options.shapeOnly === true);
}

function violations(
  value: unknown,
  schema: unknown,
  root: JsonSchema,
  path: string,
  shapeOnly: boolean,
): string[] {
  if (!isPlainObject(schema)) return [];
  if (typeof schema.$ref === 'string')
    return violations(value, resolveSchema({ $ref: schema.$ref }, root), root, path, shapeOnly);
  const branches = unionBranches(schema);
  if (branches) {
    const fits = branches.some((branch) => violations(value, branch, root, path, shapeOnly).length === 0);
    return fits ? [] : [`${path}: matches no branch of anyOf/oneOf`];
  }
  const problems: string[] = [];
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    problems.push(`${path}: not the const`);
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((entry) => JSON.stringify(entry) === JSON.stringify(value))
  ) {
    problems.push(`${path}: not in enum`);
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    return [...problems, `${path}: expected ${types.join('|')}, got ${JSON.stringify(value)?.slice(0, 40)}`];
  }
  if (typeof value === 'string' && !shapeOnly) {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      problems.push(`${path}: shorter than minLength`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      problems.push(`${path}: longer than maxLength`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${path}: does not match pattern`);
  }
  if (typeof value === 'number' && !shapeOnly) {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      problems.push(`${path}: not above exclusiveMinimum`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
      problems.push(`${path}: not below exclusiveMaximum`);
    if (
      typeof schema.multipleOf === 'number' &&
      Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9
    )
      problems.push(`${path}: not a multiple of multipleOf`);
  }
  if (Array.isArray(value)) {
    if (!shapeOnly && typeof schema.minItems === 'number' && value.length < schema.minItems)
      problems.push(`${path}: fewer than minItems`);
    if (!shapeOnly && typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      problems.push(`${path}: more than maxItems`);
    value.forEach((entry, index) => {
      problems.push(...violations(entry, schema.items, root, `${path}[${index}]`, shapeOnly));
    });
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    for (const key of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof key === 'string' && !(key in value)) problems.push(`${path}: missing required '${key}'`);
    }
    for (const [key, entry] of Object.entries(value)) {
      if (key in properties)
        problems.push(...violations(entry, properties[key], root, `${path}.${key}`, shapeOnly));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property '${key}'`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return true;
  }
}
