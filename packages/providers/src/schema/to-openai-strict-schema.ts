import type { JsonSchema } from '../spec/json-schema.js';

/** String formats OpenAI strict mode accepts. */
const supportedFormats = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/** Keywords that only annotate; dropped silently when strict mode would not take them. */
const annotationKeywords = new Set([
  '$schema',
  '$id',
  '$comment',
  '$anchor',
  'default',
  'examples',
  'example',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentEncoding',
  'contentMediaType',
]);

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((type): type is string => typeof type === 'string');
  return [];
}

function isObjectSchema(schema: Schema): boolean {
  return typesOf(schema).includes('object') || (schema.type === undefined && isSchema(schema.properties));
}

/** Whether a (converted) schema already admits `null`. */
export function allowsNull(schema: unknown): boolean {
  if (!isSchema(schema)) return schema === true;
  if (typesOf(schema).includes('null')) return true;
  if (schema.nullable === true) return true;
  if (schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.some(allowsNull)) return true;
  }
  return false;
}

/** The strict-mode way to say "this field may be absent": admit `null`. */
function makeNullable(schema: Schema): Schema {
  if (allowsNull(schema)) return schema;
  const types = typesOf(schema);
  const hasRef = typeof schema.$ref === 'string';
  const isComposite = types.includes('object') || types.includes('array');
  if (
    types.length > 0 &&
    !hasRef &&
    !isComposite &&
    schema.anyOf === undefined &&
    schema.const === undefined
  ) {
    const nullable: Schema = { ...schema, type: [...types, 'null'] };
    if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null];
    return nullable;
  }
  if (
    Array.isArray(schema.anyOf) &&
    Object.keys(schema).every((key) => key === 'anyOf' || key === 'description')
  ) {
    return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  }
  const { description, ...rest } = schema;
  const wrapped: Schema = { anyOf: [rest, { type: 'null' }] };
  if (description !== undefined) wrapped.description = description;
  return wrapped;
}

function convertMap(value: unknown, path: string, removed: string[]): Schema {
  const converted: Schema = {};
  if (!isSchema(value)) return converted;
  for (const [name, child] of Object.entries(value))
    converted[name] = convert(child, joinPath(path, name), removed);
  return converted;
}

function mergeAllOf(schema: Schema, path: string, removed: string[]): Schema {
  const branches = schema.allOf;
  if (!Array.isArray(branches)) return schema;
  const { allOf: _allOf, ...merged } = schema;
  if (!branches.every((branch) => isSchema(branch) && isObjectSchema(branch) && branch.$ref === undefined)) {
    removed.push(joinPath(path, 'allOf'));
    return merged;
  }
  const properties: Schema = isSchema(merged.properties) ? { ...merged.properties } : {};
  const required = new Set(Array.isArray(merged.required) ? (merged.required as string[]) : []);
  for (const branch of branches as Schema[]) {
    if (isSchema(branch.properties)) Object.assign(properties, branch.properties);
    if (Array.isArray(branch.required)) for (const name of branch.required) required.add(name as string);
  }
  return { ...merged, type: 'object', properties, required: [...required] };
}

function convert(input: unknown, path: string, removed: string[]): unknown {
  if (!isSchema(input)) return input;
  let schema = mergeAllOf(input, path, removed);
  if (schema.nullable === true) {
    const { nullable: _nullable, ...rest } = schema;
    schema = makeNullable(rest);
  } else if (schema.nullable !== undefined) {
    const { nullable: _nullable, ...rest } = schema;
    schema = rest;
  }
  const result: Schema = {};
  const objectLike = isObjectSchema(schema);
  for (const [keyword, value] of Object.entries(schema)) {
    switch (keyword) {
      case 'type':
      case 'enum':
      case 'const':
      case '$ref':
      case 'description':
      case 'title':
        result[keyword] = value;
        break;
      case 'properties':
      case 'required':
      case 'additionalProperties':
        break; // handled below for object schemas
      case 'items':
        if (Array.isArray(value)) {
          removed.push(joinPath(path, 'items(tuple)'));
          if (isSchema(value[0])) result.items = convert(value[0], `${path}[]`, removed);
        } else {
          result.items = convert(value, `${path}[]`, removed);
        }
        break;
      case 'anyOf':
      case 'oneOf':
        if (keyword === 'oneOf') removed.push(joinPath(path, 'oneOf(exclusive)'));
        if (Array.isArray(value)) {
          result.anyOf = value.map((branch) => convert(branch, path, removed));
        }
        break;
      case '$defs':
      case 'definitions':
        result[keyword] = convertMap(value, path === '' ? keyword : joinPath(path, keyword), removed);
        break;
      case 'format':
        if (typeof value === 'string' && supportedFormats.has(value)) result.format = value;
        else removed.push(joinPath(path, `format(${String(value)})`));
        break;
      default:
        if (!annotationKeywords.has(keyword)) removed.push(joinPath(path, keyword));
    }
  }
  if (objectLike) {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const originalRequired = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const strictProperties: Schema = {};
    for (const [name, child] of Object.entries(properties)) {
      const converted = convert(child, joinPath(path, name), removed);
      strictProperties[name] =
        originalRequired.has(name) || !isSchema(converted) ? converted : makeNullable(converted);
    }
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      removed.push(joinPath(path, 'additionalProperties'));
    }
    result.properties = strictProperties;
    result.required = Object.keys(strictProperties);
    result.additionalProperties = false;
  }
  return result;
}

/**
 * Converts a record schema to the subset OpenAI's strict structured outputs accept: every
 * property listed in `required` (optional ones admit `null` instead), `additionalProperties:
 * false` on every object, `oneOf` as `anyOf`, object `allOf` merged, and validation keywords
 * the strict decoder does not enforce on every model (length, range, item-count and pattern
 * limits, unsupported formats…) removed. Each removal is reported as a dotted path plus keyword
 * (`tags.maxItems`, `turns[].content.minLength`) so the caller keeps enforcing it by
 * validating. The input is not modified.
 */
export function toOpenAIStrictSchema(schema: JsonSchema): {
  schema: JsonSchema;
  removedConstraints: string[];
} {
  const removedConstraints: string[] = [];
  const converted = convert(schema, '', removedConstraints);
  return { schema: (isSchema(converted) ? converted : {}) as JsonSchema, removedConstraints };
}
