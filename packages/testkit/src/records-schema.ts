import type { JsonSchema } from './json-schema.js';

/**
 * The object a generation request asks for, `{ records: [record, …] }`, closed the way strict
 * structured output wants it: every listed field required, no other field allowed, at both levels.
 */
export function recordsSchema(fields: Record<string, JsonSchema>): JsonSchema & { type: 'object' } {
  return {
    type: 'object',
    properties: {
      records: {
        type: 'array',
        items: {
          type: 'object',
          properties: fields,
          required: Object.keys(fields),
          additionalProperties: false,
        },
      },
    },
    required: ['records'],
    additionalProperties: false,
  };
}
