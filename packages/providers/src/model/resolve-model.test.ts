import { startTestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { inferProvider, resolveModel } from './resolve-model.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveModel', () => {
  it('infers the provider from well-known model ids', () => {
    for (const id of ['claude-haiku-5-5', 'claude-sonnet-4-5-20250929']) {
      expect(resolveModel(id)).toMatchObject({ provider: 'anthropic', modelId: id });
    }
    for (const id of ['gpt-4.1-mini', 'o1-preview', 'o3', 'o4-mini', 'chatgpt-4o-latest']) {
      expect(resolveModel(id)).toMatchObject({
        provider: 'openai',
        modelId: id,
        capabilities: { structuredOutput: 'json_schema' },
      });
    }
  });

  it('honours explicit prefixes and strips them from the model id', () => {
    expect(resolveModel('anthropic:my-claude-proxy')).toMatchObject({
      provider: 'anthropic',
      modelId: 'my-claude-proxy',
    });
    expect(resolveModel('openai:ft:gpt-4.1:acme::x1')).toMatchObject({
      provider: 'openai',
      modelId: 'ft:gpt-4.1:acme::x1',
    });
    expect(resolveModel('ollama:llama3.1:8b')).toMatchObject({
      provider: 'openai-compatible',
      modelId: 'llama3.1:8b',
    });
    expect(resolveModel('vllm:Qwen/Qwen3-8B').capabilities.structuredOutput).toBe('json_schema');
    expect(resolveModel('llamacpp:gemma3-270m')).toMatchObject({
      provider: 'openai-compatible',
      modelId: 'gemma3-270m',
      capabilities: { structuredOutput: 'json_schema', batch: false },
    });
    expect(resolveModel('deepseek:deepseek-chat').capabilities.structuredOutput).toBe('json_object');
    expect(resolveModel('dashscope:qwen-plus').capabilities.structuredOutput).toBe('json_schema');
    expect(resolveModel('openai-compatible:m', { baseURL: 'http://127.0.0.1:9/v1' })).toMatchObject({
      provider: 'openai-compatible',
      capabilities: { structuredOutput: 'json_schema' },
    });
  });

  it('lets settings.provider and settings.compat override inference', () => {
    const proxied = resolveModel('claude-haiku-5-5', {
      provider: 'openai-compatible',
      baseURL: 'http://127.0.0.1:9/v1',
    });
    expect(proxied.provider).toBe('openai-compatible');
    expect(resolveModel('my-model', { provider: 'anthropic' }).provider).toBe('anthropic');
    expect(
      resolveModel('llama3', { baseURL: 'http://127.0.0.1:9/v1', compat: 'none' }).capabilities
        .structuredOutput,
    ).toBe('none');
  });

  it('treats an unknown id with a base URL as a generic compatible model', () => {
    expect(resolveModel('mistral-small', { baseURL: 'http://127.0.0.1:9/v1' })).toMatchObject({
      provider: 'openai-compatible',
      capabilities: { structuredOutput: 'json_schema' },
    });
  });

  it('rejects unknown ids and a compatible model without base URL, saying what to do', () => {
    expect(() => resolveModel('llama3')).toThrow(
      expect.objectContaining({
        kind: 'invalid_request',
        message: "Unknown model 'llama3': use a claude-… or gpt-… id, or a prefix like ollama:llama3.",
      }),
    );
    expect(() => resolveModel('openai-compatible:m')).toThrow(/--base-url/);
    expect(() => resolveModel('ollama:')).toThrow(/no model id/);
  });

  it('talks to an ollama: model at the given base URL without a key, and defaults to the local Ollama port', async () => {
    const server = await startTestServer();
    onTestFinished(() => server.close());
    vi.stubEnv('OPENAI_API_KEY', '');
    const result = await resolveModel('ollama:llama3.1', { baseURL: server.openaiBaseURL }).generate(
      seedTaskRequest(),
    );
    expect(result.outputMode).toBe('json_schema');
    const unreachable = await resolveModel('ollama:llama3.1', { timeoutMs: 2000 })
      .generate(seedTaskRequest())
      .catch((caught: unknown) => caught);
    expect(unreachable).toMatchObject({ message: expect.stringContaining('http://127.0.0.1:11434/v1') });
  });
});

describe('inferProvider', () => {
  it('names the provider resolveModel would pick, without creating a model', () => {
    expect(inferProvider('claude-haiku-5-5')).toBe('anthropic');
    expect(inferProvider('gpt-4.1')).toBe('openai');
    expect(inferProvider('ollama:llama3')).toBe('openai-compatible');
    expect(inferProvider('deepseek:deepseek-chat')).toBe('openai-compatible');
    expect(inferProvider('qwen2.5', { baseURL: 'http://127.0.0.1:8000/v1' })).toBe('openai-compatible');
    expect(inferProvider('claude-haiku-5-5', { provider: 'openai-compatible', baseURL: 'http://x/v1' })).toBe(
      'openai-compatible',
    );
    expect(() => inferProvider('llama3')).toThrow(/Unknown model 'llama3'/);
  });
});
