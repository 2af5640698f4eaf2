import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { serveForTest } from '../testing/serve-for-test.js';
import { anthropic, createAnthropic } from './create-anthropic.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createAnthropic settings', () => {
  it('fails on first use, not at construction, when no key is set, naming ANTHROPIC_API_KEY', async () => {
    const server = await serveForTest();
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const model = createAnthropic({ baseURL: server.anthropicBaseURL })('claude-haiku-5-5');
    await expect(model.generate(seedTaskRequest())).rejects.toMatchObject({
      kind: 'auth',
      retryable: false,
      message: expect.stringContaining('set ANTHROPIC_API_KEY'),
    });
    expect(server.stats().totalRequests).toBe(0);
  });

  it('reads the key and base URL from the environment lazily, at the first request', async () => {
    const server = await serveForTest();
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_BASE_URL', '');
    const model = anthropic('claude-haiku-5-5');
    vi.stubEnv('ANTHROPIC_API_KEY', 'key-set-after-import');
    vi.stubEnv('ANTHROPIC_BASE_URL', server.anthropicBaseURL);
    const result = await model.generate(seedTaskRequest());
    expect(result.object).toBeDefined();
    expect(server.stats().totalRequests).toBe(1);
  });

  it('names the environment variable when the key from it is rejected, and sends extra headers', async () => {
    const server = await serveForTest();
    vi.stubEnv('ANTHROPIC_API_KEY', 'invalid-key');
    const model = createAnthropic({ baseURL: server.anthropicBaseURL, headers: { 'x-team': 'datasynth' } })(
      'claude-haiku-5-5',
    );
    const error = await model.generate(seedTaskRequest()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'auth', status: 401, provider: 'anthropic' });
    expect((error as Error).message).toMatch(
      /^Anthropic rejected the API key \(401\): invalid x-api-key\. Check ANTHROPIC_API_KEY/,
    );
  });

  it('describes itself by the spec', () => {
    const model = createAnthropic()('claude-opus-5-5');
    expect(model).toMatchObject({
      specificationVersion: 'v1',
      provider: 'anthropic',
      modelId: 'claude-opus-5-5',
      capabilities: { structuredOutput: 'tool', promptCaching: true, batch: true },
    });
    expect(model.countTokens).toBeTypeOf('function');
  });
});
