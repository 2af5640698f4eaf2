import type { DatasetSchema, FieldSpec, JsonSchema } from './dataset-schema.js';

/** Options for the JSON Schema of a record. */
export interface JsonSchemaOptions {
  /**
   * Provider-strict variant (OpenAI `strict: true` structured outputs): every property is listed in
   * `required`, and optional fields become nullable instead. `parseRecords` with the schema removes
   * those nulls again, so records still validate.
   */
  strict?: boolean;
}

function describe(field: FieldSpec): string | undefined {
  const parts = [field.displayName, field.description].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join(' — ') : undefined;
}

function fieldNode(field: FieldSpec, strict: boolean): JsonSchema {
  const nullable = field.nullable === true || (strict && !field.required);
  const node: JsonSchema = { type: nullable ? [field.type, 'null'] : field.type };
  const description = describe(field);
  if (description !== undefined) node.description = description;
  const { constraints } = field;
  if (constraints.enum) node.enum = nullable ? [...constraints.enum, null] : [...constraints.enum];
  if (constraints.minLength !== undefined) node.minLength = constraints.minLength;
  if (constraints.maxLength !== undefined) node.maxLength = constraints.maxLength;
  if (constraints.range?.[0] !== undefined && constraints.range[0] !== null)
    node.minimum = constraints.range[0];
  if (constraints.range?.[1] !== undefined && constraints.range[1] !== null)
    node.maximum = constraints.range[1];
  if (field.type === 'array') {
    if (field.items) node.items = fieldNode(field.items, strict);
    if (constraints.minItems !== undefined) node.minItems = constraints.minItems;
    if (constraints.maxItems !== undefined) node.maxItems = constraints.maxItems;
  }
  if (field.type === 'object' && field.fields) Object.assign(node, objectNode(field.fields, strict));
  return node;
}

function objectNode(fields: FieldSpec[], strict: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) properties[field.name] = fieldNode(field, strict);
  return {
    properties,
    required: fields.filter((field) => strict || field.required).map((field) => field.name),
    additionalProperties: false,
  };
}

/**
 * JSON Schema of ONE record (draft 2020-12 subset: type, properties, required, additionalProperties:false,
 * enum, minLength, maxLength, minimum, maximum, minItems, maxItems, items, description). Nested arrays
 * and objects are described all the way down.
 */
export function toJsonSchema(schema: DatasetSchema, options?: JsonSchemaOptions): JsonSchema {
  const root: JsonSchema = { type: 'object' };
  if (schema.description) root.description = schema.description;
  return Object.assign(root, objectNode(schema.fields, options?.strict === true));
}

/** Options for the records envelope. */
export interface RecordsEnvelopeOptions extends JsonSchemaOptions {
  /**
   * How many records the call asks for: the `records` array then says `minItems` and `maxItems`
   * equal to it, so a grammar-constrained server cannot answer `{"records": []}` (or too many).
   */
  count?: number;
}

/**
 * What structured output asks for: `{records: [record, ...]}` —
 * `{type:'object', properties:{records:{type:'array', items: toJsonSchema(schema)}}, required:['records'], additionalProperties:false}`,
 * with `minItems`/`maxItems` equal to `count` when given.
 */
export function recordsEnvelopeSchema(schema: DatasetSchema, options?: RecordsEnvelopeOptions): JsonSchema {
  const records: JsonSchema = { type: 'array', items: toJsonSchema(schema, options) };
  const count = options?.count;
  if (count !== undefined && Number.isInteger(count) && count > 0) {
    records.minItems = count;
    records.maxItems = count;
  }
  return {
    type: 'object',
    properties: { records },
    required: ['records'],
    additionalProperties: false,
  };
}
