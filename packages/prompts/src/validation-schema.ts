import type { DatasetSchema, FieldSpec, JsonSchema } from './dataset-schema.js';
import { isJsonObject } from './json-value.js';

// The one JSON Schema every record is checked against (with Ajv, draft 2020-12). A JSON Schema input is
// used as written, so every keyword it has (pattern, format, $ref, oneOf …) keeps its meaning; DataRecipe
// schemas and field lists are converted from their fields. Either way identifiers are not required:
// DataSynth assigns them when it writes the output.

function fieldNode(field: FieldSpec): JsonSchema {
  const types = field.nullable ? [field.type, 'null'] : field.type;
  const node: JsonSchema = { type: types };
  const { constraints } = field;
  if (constraints.enum) node.enum = field.nullable ? [...constraints.enum, null] : [...constraints.enum];
  if (constraints.minLength !== undefined) node.minLength = constraints.minLength;
  if (constraints.maxLength !== undefined) node.maxLength = constraints.maxLength;
  if (constraints.format !== undefined) node.format = constraints.format;
  if (constraints.pattern !== undefined) node.pattern = constraints.pattern;
  const [minimum, maximum] = constraints.range ?? [null, null];
  if (minimum !== null) node.minimum = minimum;
  if (maximum !== null) node.maximum = maximum;
  if (field.type === 'array') {
    if (field.items) node.items = fieldNode(field.items);
    if (constraints.minItems !== undefined) node.minItems = constraints.minItems;
    if (constraints.maxItems !== undefined) node.maxItems = constraints.maxItems;
  }
  if (field.type === 'object' && field.fields) {
    Object.assign(node, objectNode(field.fields, [], field.additionalFields === true));
  }
  return node;
}

function objectNode(fields: FieldSpec[], optional: FieldSpec[], additional: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of [...optional, ...fields]) properties[field.name] = fieldNode(field);
  const node: JsonSchema = {
    properties,
    required: fields.filter((field) => field.required).map((field) => field.name),
  };
  if (!additional) node.additionalProperties = false;
  return node;
}

/** The JSON Schema input's record schema (an array schema's items), with `$defs` kept for `$ref`. */
function recordOfDocument(document: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = document;
  if (rest.type !== 'array' || !isJsonObject(rest.items)) return rest;
  const record: JsonSchema = { ...rest.items };
  for (const key of ['$defs', 'definitions']) if (rest[key] !== undefined) record[key] = rest[key];
  return record;
}

/** The JSON Schema records are validated against (identifiers optional). */
export function validationSchema(schema: DatasetSchema): JsonSchema {
  const identifiers = schema.identifiers ?? [];
  if (schema.source === 'json-schema' && isJsonObject(schema.document)) {
    const record = recordOfDocument(schema.document);
    if (Array.isArray(record.required)) {
      const assigned = new Set(identifiers.map((field) => field.name));
      record.required = record.required.filter((name) => !(typeof name === 'string' && assigned.has(name)));
    }
    return record;
  }
  return {
    type: 'object',
    ...objectNode(schema.fields, identifiers, schema.additionalFields === true),
  };
}
