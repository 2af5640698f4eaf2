import { describe, expect, it } from 'vitest';
import { inferFieldRoles } from './field-roles.js';

const fields = (...names: string[]) => ({ fields: names.map((name) => ({ name })) });

describe('inferFieldRoles', () => {
  it('finds the Alpaca/BELLE instruction fields', () => {
    expect(inferFieldRoles(fields('instruction', 'input', 'output', 'category'), 'instruction')).toEqual({
      dataType: 'instruction',
      instruction: 'instruction',
      input: 'input',
      output: 'output',
      prompt: 'instruction',
    });
  });

  it('accepts question/context/answer style names, in any case or separator', () => {
    expect(
      inferFieldRoles(fields('Question', 'Context', 'Answer', 'System-Prompt'), 'generic'),
    ).toMatchObject({
      instruction: 'Question',
      input: 'Context',
      output: 'Answer',
      system: 'System-Prompt',
    });
    expect(inferFieldRoles(fields('query', 'response'), 'generic')).toMatchObject({
      instruction: 'query',
      output: 'response',
    });
    expect(inferFieldRoles(fields('prompt', 'completion'), 'generic')).toMatchObject({
      instruction: 'prompt',
      output: 'completion',
    });
  });

  it('prefers the most specific name when several fit', () => {
    expect(
      inferFieldRoles(fields('question', 'instruction', 'answer', 'output'), 'instruction'),
    ).toMatchObject({
      instruction: 'instruction',
      output: 'output',
      prompt: 'instruction',
    });
    expect(
      inferFieldRoles(fields('instruction', 'prompt', 'chosen', 'rejected'), 'preference'),
    ).toMatchObject({
      prompt: 'prompt',
      chosen: 'chosen',
      rejected: 'rejected',
    });
  });

  it('finds conversation fields under their usual names', () => {
    for (const name of ['conversation', 'conversations', 'messages', 'dialogue', 'turns']) {
      expect(inferFieldRoles(fields('id', name), 'multi-turn').conversation).toBe(name);
    }
  });

  it('leaves roles unset when no field fits', () => {
    expect(inferFieldRoles(fields('name', 'price'), 'generic')).toEqual({ dataType: 'generic' });
  });
});
