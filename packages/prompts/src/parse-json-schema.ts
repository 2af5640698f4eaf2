import type { FieldConstraints, FieldSpec, FieldType } from './dataset-schema.js';
import { FIELD_TYPE_NAMES, normaliseFieldType } from './field-type-names.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { failSchema, type SchemaParseContext } from './schema-parse-context.js';

const UNDESCRIBED_KEYWORDS = [
  'patternProperties',
  'uniqueItems',
  'multipleOf',
  'allOf',
  'not',
  'if',
  'contains',
  'prefixItems',
];

interface JsonSchemaReadState {
  root: JsonObject;
  context: SchemaParseContext;
  refDepth: number;
}

/** Reads a JSON Schema describing one record (`{type: 'object', properties}`) into fields. */
export function parseJsonSchemaRecord(
  root: JsonObject,
  context: SchemaParseContext,
): { fields: FieldSpec[]; additionalFields: boolean; name?: string; description?: string } {
  const state: JsonSchemaReadState = { root, context, refDepth: 0 };
  let record = resolveRef(root, '', state);
  if (record.type === 'array' && isJsonObject(record.items)) {
    context.warnings.push('the JSON Schema describes an array; its items are read as the record schema');
    record = resolveRef(record.items, '', state);
  }
  if (record.type !== undefined && record.type !== 'object') {
    failSchema(context, `a record JSON Schema must have type 'object', got ${JSON.stringify(record.type)}`);
  }
  if (!isJsonObject(record.properties)) failSchema(context, 'the JSON Schema has no properties');
  const fields = readProperties(record, '', state);
  // JSON Schema semantics: keys the schema does not list are allowed unless it says additionalProperties: false.
  const result: { fields: FieldSpec[]; additionalFields: boolean; name?: string; description?: string } = {
    fields,
    additionalFields: record.additionalProperties !== false,
  };
  if (typeof root.title === 'string') result.name = root.title;
  if (typeof root.description === 'string') result.description = root.description;
  return result;
}

function readProperties(node: JsonObject, where: string, state: JsonSchemaReadState): FieldSpec[] {
  const properties = isJsonObject(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required)
    ? node.required.filter((name) => typeof name === 'string')
    : [];
  return Object.entries(properties).map(([name, child]) => {
    const childWhere = where === '' ? name : `${where}.${name}`;
    if (!isJsonObject(child))
      failSchema(state.context, `field '${childWhere}': property schema must be an object`);
    return readNode(child, { name, required: required.includes(name), where: childWhere }, state);
  });
}

function resolveRef(node: JsonObject, where: string, state: JsonSchemaReadState): JsonObject {
  if (typeof node.$ref !== 'string') return node;
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(node.$ref);
  const defs = match ? state.root[match[1] as string] : undefined;
  const target = match && isJsonObject(defs) ? defs[decodeURIComponent(match[2] as string)] : undefined;
  if (!isJsonObject(target)) {
    failSchema(state.context, `field '${where || '(root)'}': cannot resolve $ref '${node.$ref}'`);
  }
  if (state.refDepth > 32)
    failSchema(state.context, `field '${where}': $ref nesting is too deep (recursive schema?)`);
  state.refDepth += 1;
  const resolved = resolveRef({ ...target, ...omit(node, '$ref') }, where, state);
  state.refDepth -= 1;
  return resolved;
}

function omit(node: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = node;
  return rest;
}

function readNode(
  input: JsonObject,
  options: { name: string; required: boolean; where: string },
  state: JsonSchemaReadState,
): FieldSpec {
  const { context } = state;
  const { where } = options;
  let node = resolveRef(input, where, state);
  let nullable = false;

  const union = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (union) {
    const branches = union.filter(isJsonObject).map((branch) => resolveRef(branch, where, state));
    const nonNull = branches.filter((branch) => branch.type !== 'null');
    nullable = nonNull.length < branches.length;
    if (nonNull.length !== 1) {
      failSchema(
        context,
        `field '${where}': anyOf/oneOf with several non-null alternatives is not supported`,
      );
    }
    node = { ...omit(omit(node, 'anyOf'), 'oneOf'), ...(nonNull[0] as JsonObject) };
  }

  let typeName: string | undefined;
  if (Array.isArray(node.type)) {
    const names = node.type.filter((name): name is string => typeof name === 'string');
    nullable ||= names.includes('null');
    const nonNull = names.filter((name) => name !== 'null');
    if (nonNull.length !== 1)
      failSchema(context, `field '${where}': union types ${JSON.stringify(node.type)} are not supported`);
    typeName = nonNull[0];
  } else if (typeof node.type === 'string') {
    typeName = node.type;
  }

  let type: FieldType;
  if (typeName !== undefined) {
    const known = normaliseFieldType(typeName);
    if (known === undefined) {
      failSchema(
        context,
        `field '${where}': unknown type '${typeName}' (expected one of ${FIELD_TYPE_NAMES.join(', ')})`,
      );
    }
    type = known;
  } else if (isJsonObject(node.properties)) {
    type = 'object';
  } else if (node.items !== undefined) {
    type = 'array';
  } else {
    const sample = Array.isArray(node.enum) ? node.enum[0] : node.const;
    if (typeof sample === 'string') type = 'string';
    else if (typeof sample === 'boolean') type = 'boolean';
    else if (typeof sample === 'number') type = Number.isInteger(sample) ? 'integer' : 'number';
    else failSchema(context, `field '${where}': no type given`);
  }

  const spec: FieldSpec = {
    name: options.name,
    type,
    required: options.required,
    constraints: readConstraints(node, type, where, context),
  };
  if (nullable) spec.nullable = true;
  if (typeof node.title === 'string' && node.title !== '' && node.title !== options.name)
    spec.displayName = node.title;
  if (typeof node.description === 'string' && node.description !== '') spec.description = node.description;
  if (Array.isArray(node.examples) && node.examples.length > 0) spec.examples = node.examples;

  if (type === 'object' && isJsonObject(node.properties)) {
    spec.fields = readProperties(node, where, state);
    spec.additionalFields = node.additionalProperties !== false;
  }
  if (type === 'array') {
    if (Array.isArray(node.items))
      failSchema(context, `field '${where}': tuple-style items are not supported`);
    if (isJsonObject(node.items)) {
      spec.items = readNode(node.items, { name: '', required: true, where: `${where}[]` }, state);
    }
  }
  for (const keyword of UNDESCRIBED_KEYWORDS) {
    if (node[keyword] !== undefined)
      context.warnings.push(
        `field '${where}': JSON Schema '${keyword}' is checked on every record but not described to the model`,
      );
  }
  return spec;
}

function readConstraints(
  node: JsonObject,
  type: FieldType,
  where: string,
  context: SchemaParseContext,
): FieldConstraints {
  const constraints: FieldConstraints = {};
  const number = (key: string): number | undefined => {
    const value = node[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      failSchema(context, `field '${where}': ${key} must be a number, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const enumValues = Array.isArray(node.enum)
    ? node.enum
    : node.const !== undefined
      ? [node.const]
      : undefined;
  if (enumValues) {
    const values = enumValues.filter((value) => value !== null);
    if (
      !values.every((value) => ['string', 'number', 'boolean'].includes(typeof value)) ||
      values.length === 0
    ) {
      failSchema(context, `field '${where}': enum must list strings, numbers or booleans`);
    }
    constraints.enum = values as (string | number | boolean)[];
  }
  let minimum = number('minimum');
  let maximum = number('maximum');
  const exclusiveMinimum = number('exclusiveMinimum');
  const exclusiveMaximum = number('exclusiveMaximum');
  if (exclusiveMinimum !== undefined || exclusiveMaximum !== undefined) {
    if (type === 'integer') {
      if (exclusiveMinimum !== undefined) minimum = Math.floor(exclusiveMinimum) + 1;
      if (exclusiveMaximum !== undefined) maximum = Math.ceil(exclusiveMaximum) - 1;
    } else {
      context.warnings.push(
        `field '${where}': exclusiveMinimum/exclusiveMaximum are described to the model as inclusive bounds`,
      );
      minimum ??= exclusiveMinimum;
      maximum ??= exclusiveMaximum;
    }
  }
  if (minimum !== undefined || maximum !== undefined) constraints.range = [minimum ?? null, maximum ?? null];
  const minLength = number('minLength');
  const maxLength = number('maxLength');
  const minItems = number('minItems');
  const maxItems = number('maxItems');
  if (minLength !== undefined) constraints.minLength = minLength;
  if (maxLength !== undefined) constraints.maxLength = maxLength;
  if (minItems !== undefined) constraints.minItems = minItems;
  if (maxItems !== undefined) constraints.maxItems = maxItems;
  if (type === 'string' && typeof node.format === 'string' && node.format !== '')
    constraints.format = node.format;
  if (type === 'string' && typeof node.pattern === 'string' && node.pattern !== '') {
    constraints.pattern = node.pattern;
  }
  return constraints;
}
