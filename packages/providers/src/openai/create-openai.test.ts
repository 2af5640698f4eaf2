import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { serveForTest } from '../testing/serve-for-test.js';
import { createOpenAI, openai } from './create-openai.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createOpenAI settings', () => {
  it('fails on first use when no key is set, naming OPENAI_API_KEY and the placeholder for local servers', async () => {
    const server = await serveForTest();
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', server.openaiBaseURL);
    const model = openai('gpt-4.1-mini');
    const error = await model.generate(seedTaskRequest()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, provider: 'openai' });
    expect((error as Error).message).toMatch(/set OPENAI_API_KEY.*--base-url still needs a placeholder key/);
    expect(server.stats().totalRequests).toBe(0);
  });

  it('names DEEPSEEK_API_KEY for DeepSeek', async () => {
    vi.stubEnv('DEEPSEEK_API_KEY', '');
    vi.stubEnv('OPENAI_API_KEY', '');
    const model = createOpenAI({ compat: 'deepseek' })('deepseek-chat');
    await expect(model.generate(seedTaskRequest())).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('set DEEPSEEK_API_KEY (or OPENAI_API_KEY)'),
    });
  });

  it('needs no key for a self-hosted server with a base URL', async () => {
    const server = await serveForTest();
    vi.stubEnv('OPENAI_API_KEY', '');
    const model = createOpenAI({ compat: 'vllm', baseURL: server.openaiBaseURL })('Qwen/Qwen3-8B');
    const result = await model.generate(seedTaskRequest());
    expect(result.object).toBeDefined();
  });

  it('asks for a base URL when a generic compatible server has none', async () => {
    vi.stubEnv('OPENAI_BASE_URL', '');
    const model = createOpenAI({ compat: 'generic' })('my-model');
    await expect(model.generate(seedTaskRequest())).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringContaining('--base-url'),
    });
  });

  it('describes each dialect by the spec', () => {
    expect(createOpenAI()('gpt-4.1')).toMatchObject({
      specificationVersion: 'v1',
      provider: 'openai',
      capabilities: { structuredOutput: 'json_schema', promptCaching: true, batch: true },
    });
    expect(createOpenAI({ compat: 'dashscope' })('qwen-plus').capabilities.structuredOutput).toBe(
      'json_schema',
    );
    expect(createOpenAI({ compat: 'none' })('x').capabilities.structuredOutput).toBe('none');
    expect(createOpenAI()('gpt-4.1').countTokens).toBeUndefined();
  });
});
