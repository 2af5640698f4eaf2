import { describe, expect, it } from 'vitest';
import { defaultModel, resolveModelSettings } from './model-settings.js';

describe('defaultModel', () => {
  it('is Claude unless only an OpenAI key is set or OpenAI is asked for', () => {
    expect(defaultModel(undefined, {})).toBe('claude-sonnet-5-5');
    expect(defaultModel(undefined, { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'b' })).toBe(
      'claude-sonnet-5-5',
    );
    expect(defaultModel(undefined, { OPENAI_API_KEY: 'b' })).toBe('gpt-6-luna');
    expect(defaultModel('openai', {})).toBe('gpt-6-luna');
    expect(defaultModel('anthropic', { OPENAI_API_KEY: 'b' })).toBe('claude-sonnet-5-5');
  });

  it('asks for a model for an OpenAI-compatible server, in the words of the tool arguments', () => {
    expect(() => defaultModel('openai-compatible', {})).toThrow(/needs a model: set "model"/);
  });
});

describe('resolveModelSettings', () => {
  const env = {
    ANTHROPIC_API_KEY: 'sk-ant-x',
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:1',
    OPENAI_API_KEY: 'sk-openai-x',
    OPENAI_BASE_URL: 'http://127.0.0.1:2/v1',
  };

  it("takes the key and base URL of the model's provider from the environment", () => {
    expect(resolveModelSettings({}, env)).toEqual({
      model: 'claude-sonnet-5-5',
      baseURL: 'http://127.0.0.1:1',
      apiKey: 'sk-ant-x',
    });
    expect(resolveModelSettings({ model: 'gpt-4.1-mini' }, env)).toEqual({
      model: 'gpt-4.1-mini',
      baseURL: 'http://127.0.0.1:2/v1',
      apiKey: 'sk-openai-x',
    });
    expect(
      resolveModelSettings({ model: 'ollama:llama3.1' }, { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }),
    ).toEqual({
      model: 'ollama:llama3.1',
      baseURL: 'http://127.0.0.1:11434/v1',
    });
  });

  it('lets the base_url argument win and keeps an explicit provider', () => {
    expect(
      resolveModelSettings(
        { model: 'my-model', provider: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1' },
        env,
      ),
    ).toEqual({
      model: 'my-model',
      provider: 'openai-compatible',
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-openai-x',
    });
  });

  it('never lets a tool call send the key to another host', () => {
    for (const base_url of [
      'https://evil.example/v1',
      'http://10.0.0.5:8000/v1',
      'http://127.0.0.1.evil.example/v1',
    ]) {
      expect(() => resolveModelSettings({ model: 'claude-sonnet-4-6', base_url }, env)).toThrow(
        /only point at this machine.*ANTHROPIC_BASE_URL/,
      );
    }
    expect(() =>
      resolveModelSettings({ model: 'gpt-5-mini', base_url: 'https://evil.example/v1' }, env),
    ).toThrow(/OPENAI_BASE_URL/);
    // the operator's own base URL, and this machine, stay allowed
    expect(
      resolveModelSettings(
        { model: 'claude-sonnet-4-6', base_url: 'https://proxy.internal/v1' },
        {
          ...env,
          ANTHROPIC_BASE_URL: 'https://proxy.internal/v1',
        },
      ).baseURL,
    ).toBe('https://proxy.internal/v1');
    expect(
      resolveModelSettings({ model: 'gpt-5-mini', base_url: 'http://localhost:11434/v1' }, env).baseURL,
    ).toBe('http://localhost:11434/v1');
  });

  it('refuses a model id no provider knows, in one line', () => {
    expect(() => resolveModelSettings({ model: 'mystery-model' }, {})).toThrow(
      /Unknown model 'mystery-model'/,
    );
  });
});
