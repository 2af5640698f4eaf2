import { describe, expect, it } from 'vitest';
import { parseSchema } from './parse-schema.js';
import { projectSeeds } from './project-seeds.js';

describe('projectSeeds', () => {
  it('leaves identifiers and unlisted keys out of the examples, nested ones too, and says which', () => {
    const { schema } = parseSchema({
      type: 'object',
      properties: {
        id: { type: 'string' },
        instruction: { type: 'string' },
        instances: {
          type: 'array',
          items: { type: 'object', properties: { input: { type: 'string' }, output: { type: 'string' } } },
        },
      },
    });
    const projected = projectSeeds(
      [
        {
          id: 'seed_task_0',
          instruction: 'a',
          instances: [{ input: '', output: 'b', note: 1 }],
          extra: true,
        },
        { id: 'seed_task_1', instruction: 'c', instances: [] },
      ],
      schema,
    );
    expect(projected.seeds).toEqual([
      { instruction: 'a', instances: [{ input: '', output: 'b' }] },
      { instruction: 'c', instances: [] },
    ]);
    expect(projected.leftOut).toEqual(['id', 'instances[].note', 'extra']);
  });
});
