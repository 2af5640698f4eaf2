import type { JsonSchema } from '../spec/json-schema.js';
import { fitStructuredOutputSchema } from './fit-structured-output-schema.js';
import { openAIStrictSupport } from './structured-output-support.js';

export { allowsNull } from './nullable-schema.js';

/**
 * Converts a record schema to what OpenAI's strict structured outputs accept (the guide's
 * "Supported schemas", encoded in `structured-output-support.ts`): every property listed in
 * `required` (optional ones admit `null` instead), `additionalProperties: false` on every
 * object, `oneOf` as `anyOf`, object `allOf` merged. Ranges (`minimum`, `maximum`, exclusive
 * bounds, `multipleOf`), `pattern`, the listed formats and `minItems`/`maxItems` are kept; what
 * the guide does not list (string `minLength`/`maxLength`, `uniqueItems`, other formats…) is
 * removed, reported as a dotted path plus keyword (`turns[].content.minLength`), and written into
 * the field's description so the model still reads it. The input is not modified.
 */
export function toOpenAIStrictSchema(schema: JsonSchema): {
  schema: JsonSchema;
  removedConstraints: string[];
} {
  return fitStructuredOutputSchema(schema, openAIStrictSupport);
}
