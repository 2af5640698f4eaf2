import type { JsonSchema } from '../spec/json-schema.js';
import { type FittedSchema, fitStructuredOutputSchema } from './fit-structured-output-schema.js';
import { anthropicStructuredSupport } from './structured-output-support.js';

/**
 * Converts a schema to what Anthropic's structured outputs (`output_config.format`, strict tool
 * use) accept, following its documented JSON Schema limitations (encoded in
 * `structured-output-support.ts`): `additionalProperties: false` on every object, `oneOf` as
 * `anyOf`; numeric ranges, string lengths, `maxItems`, `minItems` above 1, unsupported formats
 * and regex features are removed, reported, and written into the field's description so Claude
 * still reads them. Optional properties stay optional. The input is not modified.
 */
export function toAnthropicStructuredSchema(schema: JsonSchema): FittedSchema {
  return fitStructuredOutputSchema(schema, anthropicStructuredSupport);
}
