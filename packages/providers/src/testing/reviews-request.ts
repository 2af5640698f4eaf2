import type { GenerateRequest } from '../spec/generate-request.js';
import type { JsonSchema } from '../spec/json-schema.js';

/**
 * A plain reviews dataset with every common constraint kind (test fixture): an integer range,
 * string lengths, an enum, and an array with item counts, in a records envelope of `count`.
 */
export function reviewsSchema(count: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      records: {
        type: 'array',
        minItems: count,
        maxItems: count,
        items: {
          type: 'object',
          properties: {
            rating: { type: 'integer', minimum: 1, maximum: 5 },
            review: { type: 'string', minLength: 20, maxLength: 400 },
            sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
            tags: { type: 'array', items: { type: 'string', maxLength: 30 }, minItems: 1, maxItems: 3 },
            helpful_votes: { type: 'integer', minimum: 0 },
          },
          required: ['rating', 'review', 'sentiment', 'tags'],
          additionalProperties: false,
        },
      },
    },
    required: ['records'],
    additionalProperties: false,
  };
}

/** A request for `count` product reviews following {@link reviewsSchema}. */
export function reviewsRequest(count: number): GenerateRequest {
  return {
    system: [{ text: 'You write realistic product reviews for a training dataset, as JSON.' }],
    messages: [{ role: 'user', content: `Write ${count} new records.` }],
    output: { name: 'records', schema: reviewsSchema(count) },
    maxTokens: 4000,
  };
}
