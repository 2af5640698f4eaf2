import { defaultModelFor } from '@datasynth/cost';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_OPENAI_MODEL, defaultModel } from './default-model.js';

describe('defaultModel: the one rule for the model a run means when it names none', () => {
  it('takes the pricing table’s current defaults (newest priced Sonnet, newest priced Luna)', () => {
    expect(DEFAULT_MODEL).toBe(defaultModelFor('anthropic'));
    expect(DEFAULT_OPENAI_MODEL).toBe(defaultModelFor('openai'));
    expect(DEFAULT_MODEL).toBe('claude-sonnet-5-5');
  });

  it('follows a named provider', () => {
    expect(defaultModel({ provider: 'openai', env: { ANTHROPIC_API_KEY: 'k' } })).toBe(DEFAULT_OPENAI_MODEL);
    expect(defaultModel({ provider: 'anthropic', env: { OPENAI_API_KEY: 'k' } })).toBe(DEFAULT_MODEL);
  });

  it('picks OpenAI only when the OpenAI key is the only key set, Claude otherwise', () => {
    expect(defaultModel({ env: { OPENAI_API_KEY: 'k' } })).toBe(DEFAULT_OPENAI_MODEL);
    expect(defaultModel({ env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' } })).toBe(DEFAULT_MODEL);
    expect(defaultModel({ env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: '  ' } })).toBe(
      DEFAULT_OPENAI_MODEL,
    );
    expect(defaultModel({ env: {} })).toBe(DEFAULT_MODEL);
  });

  it('has none for an OpenAI-compatible server, whose models are its own', () => {
    expect(defaultModel({ provider: 'openai-compatible', env: { OPENAI_API_KEY: 'k' } })).toBeUndefined();
  });
});
