import type { JsonSchema } from '../spec/json-schema.js';

/**
 * Output schema for batches of Self-Instruct-like tasks: nested arrays of objects, an enum,
 * optional fields and constraints that OpenAI strict mode cannot carry (test fixture).
 */
export const seedTaskBatchSchema: JsonSchema = {
  type: 'object',
  properties: {
    records: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 3, maxLength: 60, pattern: '^[a-z_]+$' },
          instruction: { type: 'string', minLength: 10 },
          category: { type: 'string', enum: ['classification', 'generation', 'question_answering'] },
          is_classification: { type: 'boolean' },
          instances: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: { input: { type: 'string' }, output: { type: 'string' } },
              required: ['input', 'output'],
            },
          },
          difficulty: { type: 'integer', minimum: 1, maximum: 5 },
          notes: { type: 'string' },
        },
        required: ['name', 'instruction', 'category', 'is_classification', 'instances'],
      },
    },
  },
  required: ['records'],
};
