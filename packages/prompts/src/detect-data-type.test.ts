import { describe, expect, it } from 'vitest';
import { detectDataType } from './detect-data-type.js';
import { parseSchema } from './parse-schema.js';

const typeOf = (input: unknown) => detectDataType(parseSchema(input).schema);

describe('detectDataType', () => {
  it('detects instruction data from its usual field pairs', () => {
    expect(typeOf({ instruction: 'string', response: 'string' })).toBe('instruction');
    expect(typeOf({ input: 'string', output: 'string' })).toBe('instruction');
    expect(typeOf({ instruction: 'string', input: 'string', output: 'string', category: 'string' })).toBe(
      'instruction',
    );
    expect(typeOf({ question: 'string', answer: 'string' })).toBe('instruction');
  });

  it('detects preference pairs', () => {
    expect(typeOf({ prompt: 'string', chosen: 'string', rejected: 'string' })).toBe('preference');
  });

  it('detects multi-turn dialogues by the {role, content} shape or the field name', () => {
    expect(typeOf({ messages: { type: 'list', nested_type: { role: 'string', content: 'string' } } })).toBe(
      'multi-turn',
    );
    expect(typeOf({ dialogue: { type: 'list', nested_type: { speaker: 'string', text: 'string' } } })).toBe(
      'multi-turn',
    );
    expect(typeOf({ conversation: 'list' })).toBe('multi-turn');
  });

  it('falls back to generic', () => {
    expect(typeOf({ title: 'string', body: 'string' })).toBe('generic');
    expect(typeOf({ conversation: 'string' })).toBe('generic');
  });
});
