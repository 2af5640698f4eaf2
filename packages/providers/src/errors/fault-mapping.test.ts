import { createServer } from 'node:net';
import { startTestServer, type TestServerFaults, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAnthropic } from '../anthropic/create-anthropic.js';
import { createOpenAI } from '../openai/create-openai.js';
import type { LanguageModel } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';

type ProviderFamily = 'anthropic' | 'openai';

async function modelFor(
  family: ProviderFamily,
  options: TestServerOptions = {},
  settings: { apiKey?: string; timeoutMs?: number; modelId?: string } = {},
) {
  const server = await startTestServer({ seed: 3, ...options });
  onTestFinished(() => server.close());
  const common = { apiKey: settings.apiKey ?? 'test-key', timeoutMs: settings.timeoutMs ?? 5000 };
  const model: LanguageModel =
    family === 'anthropic'
      ? createAnthropic({ ...common, baseURL: server.anthropicBaseURL })(
          settings.modelId ?? 'claude-haiku-5-5',
        )
      : createOpenAI({ ...common, baseURL: server.openaiBaseURL })(settings.modelId ?? 'gpt-4.1-mini');
  return { server, model };
}

async function failure(model: LanguageModel, signal?: AbortSignal): Promise<ProviderError> {
  const caught = await model.generate(seedTaskRequest(), signal ? { signal } : {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(ProviderError.isInstance(caught), String(caught)).toBe(true);
  return caught as ProviderError;
}

async function closedPortURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const faultCases: {
  fault: keyof TestServerFaults;
  kind: ProviderError['kind'];
  retryable: boolean;
  status: Record<ProviderFamily, number | undefined>;
  retryAfterMs?: number;
}[] = [
  {
    fault: 'rateLimit',
    kind: 'rate_limit',
    retryable: true,
    status: { anthropic: 429, openai: 429 },
    retryAfterMs: 250,
  },
  { fault: 'quota', kind: 'quota', retryable: false, status: { anthropic: 429, openai: 429 } },
  { fault: 'server', kind: 'server', retryable: true, status: { anthropic: 500, openai: 500 } },
  { fault: 'overloaded', kind: 'overloaded', retryable: true, status: { anthropic: 529, openai: 503 } },
  { fault: 'reset', kind: 'network', retryable: true, status: { anthropic: undefined, openai: undefined } },
];

describe.each(['anthropic', 'openai'] as const)('%s errors', (family) => {
  it.each(faultCases)(
    'maps the $fault fault to kind $kind',
    async ({ fault, kind, retryable, status, retryAfterMs }) => {
      const { model } = await modelFor(family, { faults: { [fault]: 1 } });
      const error = await failure(model);
      expect(error).toMatchObject({ kind, retryable, provider: family });
      expect(error.status).toBe(status[family]);
      expect(error.retryAfterMs).toBe(retryAfterMs);
      expect(error.message).not.toContain('\n');
      if (status[family] !== undefined) expect(error.requestId).toMatch(/^req_/);
    },
  );

  it('turns a server that never answers into a retryable timeout', async () => {
    // The server never answers: only the adapter's own deadline can end this call before the
    // test's timeout, so finishing at all (with kind 'timeout') is the proof; no clock is read.
    const { model } = await modelFor(family, { faults: { hang: 1 } }, { timeoutMs: 300 });
    const error = await failure(model);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/300ms/);
  });

  it('aborts an in-flight call quickly through the signal', async () => {
    // The server never answers and the adapter's deadline is far off: only the signal can end it.
    const { model } = await modelFor(family, { faults: { hang: 1 } }, { timeoutMs: 3_600_000 });
    const error = await failure(model, AbortSignal.timeout(50));
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('waits as long as retry-after says when the rate limit is exhausted', async () => {
    const { model } = await modelFor(family, { rpm: 1, rateLimitWindowMs: 4000 });
    await model.generate(seedTaskRequest());
    const error = await failure(model);
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true, status: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(4000);
  });

  it('maps a rejected key to auth (401) and a forbidden one to auth (403)', async () => {
    const rejected = await failure((await modelFor(family, {}, { apiKey: 'invalid-key' })).model);
    expect(rejected).toMatchObject({ kind: 'auth', retryable: false, status: 401 });
    expect(rejected.message).toMatch(/rejected the API key \(401\).*Check the apiKey setting/);
    const forbidden = await failure((await modelFor(family, {}, { apiKey: 'forbidden-key' })).model);
    expect(forbidden).toMatchObject({ kind: 'auth', retryable: false, status: 403 });
  });

  it('maps an unknown model to invalid_request (404) naming the model', async () => {
    const { model } = await modelFor(family, {}, { modelId: 'unknown-model-7' });
    const error = await failure(model);
    expect(error).toMatchObject({ kind: 'invalid_request', retryable: false, status: 404 });
    expect(error.message).toContain("'unknown-model-7'");
  });

  it('maps a refused connection to a retryable network error naming the address', async () => {
    const url = await closedPortURL();
    const baseURL = family === 'anthropic' ? url : `${url}/v1`;
    const model =
      family === 'anthropic'
        ? createAnthropic({ apiKey: 'test-key', baseURL })('claude-haiku-5-5')
        : createOpenAI({ apiKey: 'test-key', baseURL })('gpt-4.1-mini');
    const error = await failure(model);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toContain(url);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('ProviderError', () => {
  it('is recognised across copies of the package by its marker', async () => {
    const distribution = (await import('../../dist/index.js')) as { ProviderError: typeof ProviderError };
    expect(distribution.ProviderError).not.toBe(ProviderError);
    const foreign = new distribution.ProviderError({ kind: 'quota', message: 'Out of credit.' });
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(distribution.ProviderError.isInstance(new ProviderError({ kind: 'server', message: 'x' }))).toBe(
      true,
    );
    expect(ProviderError.isInstance(new Error('plain'))).toBe(false);
    expect(foreign.retryable).toBe(false);
    expect(JSON.parse(JSON.stringify(foreign))).toMatchObject({ kind: 'quota', message: 'Out of credit.' });
  });
});
