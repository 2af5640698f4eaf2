import { describe, expect, it } from 'vitest';
import { buildStablePrompt } from './build-stable-prompt.js';
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

describe('detectDataType with a schema hint', () => {
  it('reads chosen/rejected pairs as preference data when the schema says ranking, naming only real fields', () => {
    const schema = parseSchema({
      fields: [
        { name: 'chosen', type: 'string' },
        { name: 'rejected', type: 'string' },
      ],
      annotation_config: { type: 'ranking' },
    }).schema;
    expect(detectDataType(schema)).toBe('preference');
    expect(detectDataType({ ...schema, dataTypeHint: undefined })).toBe('generic');
    const { text } = buildStablePrompt({ schema, language: 'en' });
    expect(text).toContain('`chosen` and `rejected` each hold the same user request followed by a reply');
    expect(text).not.toContain('undefined');
  });
});
