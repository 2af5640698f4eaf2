import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { startTestServer } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAnthropic } from '../anthropic/create-anthropic.js';
import { createOpenAI } from '../openai/create-openai.js';
import type { LanguageModel } from '../spec/language-model.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';

const sentinels = ['sk-SENTINEL-123', 'SENTINEL-KEY-8f3a0c'];

/** A hostile server that echoes the presented key back in its error message, as some proxies do. */
async function echoingServer(status: number) {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const presented = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '');
      const message = `Key ${presented} is not valid here (${presented.replace('Bearer ', '')})`;
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-echo-key': presented.replace('Bearer ', ''),
        'retry-after': '1',
      });
      response.end(
        JSON.stringify({ type: 'error', error: { type: 'authentication_error', message, code: presented } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function serialisations(error: unknown): string[] {
  const texts = [
    JSON.stringify(error),
    inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    String(error),
  ];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (current instanceof Error) texts.push(current.message, String(current.stack));
    texts.push(JSON.stringify(Object.entries(current as object)));
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

async function expectNoSecret(model: LanguageModel, key: string, signal?: AbortSignal) {
  const error = await model.generate(seedTaskRequest(), signal ? { signal } : {}).then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught,
  );
  for (const text of serialisations(error)) expect(text).not.toContain(key);
  for (const text of serialisations(model)) expect(text).not.toContain(key);
  return error as { kind: string; message: string };
}

describe.each(sentinels)('the API key %s', (key) => {
  it.each([401, 403, 429, 500, 400])('never leaks from a %i answer that echoes it', async (status) => {
    const url = await echoingServer(status);
    const anthropicError = await expectNoSecret(
      createAnthropic({ apiKey: key, baseURL: url })('claude-haiku-5-5'),
      key,
    );
    const openaiError = await expectNoSecret(
      createOpenAI({ apiKey: key, baseURL: `${url}/v1` })('gpt-4.1-mini'),
      key,
    );
    expect(anthropicError.message).toContain('[redacted]');
    expect(openaiError.message).toContain('[redacted]');
  });

  it('never leaks from network failures, timeouts, aborts or SDK warnings', async () => {
    for (const faults of [{ reset: 1 }, { hang: 1 }, { quota: 1 }, { overloaded: 1 }]) {
      const server = await startTestServer({ faults });
      onTestFinished(() => server.close());
      await expectNoSecret(
        createAnthropic({ apiKey: key, baseURL: server.anthropicBaseURL, timeoutMs: 200 })(
          'claude-sonnet-4-5',
        ),
        key,
      );
      await expectNoSecret(
        createOpenAI({ apiKey: key, baseURL: server.openaiBaseURL, timeoutMs: 200 })('gpt-4.1-mini'),
        key,
      );
    }
    const slow = await startTestServer({ latencyMs: 5000 });
    onTestFinished(() => slow.close());
    const aborted = await expectNoSecret(
      createAnthropic({ apiKey: key, baseURL: slow.anthropicBaseURL })('claude-haiku-5-5'),
      key,
      AbortSignal.timeout(30),
    );
    expect(aborted.kind).toBe('aborted');
  });

  it('is absent from successful results', async () => {
    const server = await startTestServer();
    onTestFinished(() => server.close());
    const result = await createAnthropic({ apiKey: key, baseURL: server.anthropicBaseURL })(
      'claude-sonnet-4-5',
    ).generate(seedTaskRequest());
    expect(inspect(result, { depth: Number.POSITIVE_INFINITY })).not.toContain(key);
  });
});
