import { describe, expect, it } from 'vitest';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { stripNullOptionalProperties } from './strip-null-optional-properties.js';

describe('stripNullOptionalProperties', () => {
  it('drops nulls strict mode put into optional fields of nested records, keeping everything else', () => {
    const strictAnswer = {
      records: [
        {
          name: 'rhyme_finder',
          instruction: 'Find a word that rhymes with the given word.',
          category: 'generation',
          is_classification: false,
          instances: [{ input: 'cat', output: 'hat' }],
          difficulty: null,
          notes: null,
        },
        {
          name: 'sentiment_label',
          instruction: 'Label the sentiment of the review.',
          category: 'classification',
          is_classification: true,
          instances: [{ input: 'Great phone.', output: 'positive' }],
          difficulty: 2,
          notes: null,
        },
      ],
    };
    expect(stripNullOptionalProperties(strictAnswer, seedTaskBatchSchema)).toEqual({
      records: [
        {
          name: 'rhyme_finder',
          instruction: 'Find a word that rhymes with the given word.',
          category: 'generation',
          is_classification: false,
          instances: [{ input: 'cat', output: 'hat' }],
        },
        {
          name: 'sentiment_label',
          instruction: 'Label the sentiment of the review.',
          category: 'classification',
          is_classification: true,
          instances: [{ input: 'Great phone.', output: 'positive' }],
          difficulty: 2,
        },
      ],
    });
  });

  it('keeps nulls the original schema allows and nulls in required fields (the validator must see them)', () => {
    const schema = {
      type: 'object',
      $defs: { note: { type: ['string', 'null'] } },
      properties: {
        a: { type: ['string', 'null'] },
        b: { $ref: '#/$defs/note' },
        c: { type: 'string' },
        d: { anyOf: [{ type: 'object', properties: { e: { type: 'integer' } } }, { type: 'string' }] },
      },
      required: ['c'],
    };
    expect(stripNullOptionalProperties({ a: null, b: null, c: null, d: { e: null } }, schema)).toEqual({
      a: null,
      b: null,
      c: null,
      d: {},
    });
  });
});
