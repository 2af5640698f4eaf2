import type { JsonSchema } from '../spec/json-schema.js';

/** Property name under which a non-object root answer travels. */
export const wrappedRootProperty = 'value';

/** Whether a schema describes only JSON objects (what tool input and strict roots must be). */
export function isObjectRootSchema(schema: JsonSchema): boolean {
  if (schema.type === 'object') return true;
  return schema.type === undefined && typeof schema.properties === 'object' && schema.properties !== null;
}

/**
 * Tool inputs and strict JSON-schema outputs must be objects. A schema with another root (an
 * array of records, say) is wrapped as `{ value: <schema> }`; {@link unwrapRootValue} undoes it.
 */
export function toObjectRootSchema(schema: JsonSchema): { schema: JsonSchema; wrapped: boolean } {
  if (isObjectRootSchema(schema)) return { schema, wrapped: false };
  const { $defs, definitions, ...inner } = schema;
  const wrappedSchema: JsonSchema = {
    type: 'object',
    properties: { [wrappedRootProperty]: inner },
    required: [wrappedRootProperty],
    additionalProperties: false,
  };
  if ($defs !== undefined) wrappedSchema.$defs = $defs;
  if (definitions !== undefined) wrappedSchema.definitions = definitions;
  return { schema: wrappedSchema, wrapped: true };
}

/** The caller's answer from a possibly wrapped one. */
export function unwrapRootValue(value: unknown, wrapped: boolean): unknown {
  if (!wrapped) return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && wrappedRootProperty in value) {
    return (value as Record<string, unknown>)[wrappedRootProperty];
  }
  return value;
}
