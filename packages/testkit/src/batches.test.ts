import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { recordsSchema } from './records-schema.js';
import { startTestServer } from './test-server.js';
import type { TestServer, TestServerOptions } from './test-server-types.js';

const schema = recordsSchema({ q: { type: 'string' }, a: { type: 'string' } });

const anthropicParams = (count: number) => ({
  model: 'claude-sonnet-4-6',
  max_tokens: 2000,
  tools: [{ name: 'emit', input_schema: schema }],
  tool_choice: { type: 'tool' as const, name: 'emit' },
  messages: [{ role: 'user' as const, content: `Generate ${count} records.` }],
});

/** Polls until `done`; bounded by the test's timeout, not by a count that a slow machine can exhaust. */
async function waitFor<T>(poll: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await poll();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function anthropicBatch(options: TestServerOptions, size: number, cancel = false) {
  const server = await startTestServer(options);
  const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
  const created = await client.messages.batches.create({
    requests: Array.from({ length: size }, (_, index) => ({
      custom_id: `req-${index}`,
      params: anthropicParams(2),
    })),
  });
  if (cancel) {
    const canceling = await client.messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe('canceling');
    expect(canceling.cancel_initiated_at).not.toBeNull();
  }
  const ended = await waitFor(
    () => client.messages.batches.retrieve(created.id),
    (batch) => batch.processing_status === 'ended',
  );
  const results = [];
  for await (const line of await client.messages.batches.results(created.id)) results.push(line);
  return { server, created, ended, results };
}

describe('Anthropic Message Batches', () => {
  it('submits, processes after processingMs, and returns succeeded results keyed by custom_id', async () => {
    const { server, created, ended, results } = await anthropicBatch({ batch: { processingMs: 30 } }, 4);
    await using _server = server;
    expect(created.processing_status).toBe('in_progress');
    expect(created.id).toMatch(/^msgbatch_/);
    expect(created.request_counts.processing).toBe(4);
    expect(created.results_url).toBeNull();
    expect(ended.request_counts).toEqual({
      processing: 0,
      succeeded: 4,
      errored: 0,
      canceled: 0,
      expired: 0,
    });
    expect(ended.results_url).toBe(`${server.url}/v1/messages/batches/${created.id}/results`);
    expect(results.map((line) => line.custom_id)).toEqual(['req-0', 'req-1', 'req-2', 'req-3']);
    let outputTokens = 0;
    for (const line of results) {
      if (line.result.type !== 'succeeded') throw new Error('expected success');
      const block = line.result.message.content[0];
      if (block?.type !== 'tool_use') throw new Error('expected tool_use');
      expect((block.input as { records: unknown[] }).records).toHaveLength(2);
      outputTokens += line.result.message.usage.output_tokens;
    }
    const stats = server.stats();
    expect(stats.recordsEmitted).toBe(8);
    expect(stats.tokens.output).toBe(outputTokens);
    expect(stats.structuredRequests.tool).toBe(4);
  });

  it('keeps a batch processing until finishBatches() when processingMs is long', async () => {
    await using server = await startTestServer({ batch: { processingMs: 3_600_000 } });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const created = await client.messages.batches.create({
      requests: [{ custom_id: 'req-0', params: anthropicParams(2) }],
    });
    expect((await client.messages.batches.retrieve(created.id)).processing_status).toBe('in_progress');
    server.finishBatches();
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts.succeeded).toBe(1);
  });

  it('errors a share of requests with errorRate, and reports them in the counts and results', async () => {
    const { server, ended, results } = await anthropicBatch({ batch: { errorRate: 1 } }, 3);
    await using _server = server;
    expect(ended.request_counts.errored).toBe(3);
    for (const line of results) {
      expect(line.result).toMatchObject({
        type: 'errored',
        error: { type: 'error', error: { type: 'api_error' } },
      });
    }
    expect(server.stats().recordsEmitted).toBe(0);
  });

  it('expires every request with expireAll and cancels every request on cancel', async () => {
    const expired = await anthropicBatch({ batch: { expireAll: true } }, 2);
    await using _expired = expired.server;
    expect(expired.ended.request_counts.expired).toBe(2);
    expect(expired.results.map((line) => line.result.type)).toEqual(['expired', 'expired']);
    const canceled = await anthropicBatch({ batch: { processingMs: 5000 } }, 2, true);
    await using _canceled = canceled.server;
    expect(canceled.ended.request_counts.canceled).toBe(2);
    expect(canceled.results.map((line) => line.result.type)).toEqual(['canceled', 'canceled']);
  });
});

const openaiLine = (index: number, body: Record<string, unknown> = {}) =>
  JSON.stringify({
    custom_id: `line-${index}`,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Generate 3 records.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema, strict: true } },
      ...body,
    },
  });

async function openaiBatch(server: TestServer, lines: string[], cancel = false) {
  const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
  const file = await client.files.create({
    file: await toFile(Buffer.from(lines.join('\n')), 'batch.jsonl'),
    purpose: 'batch',
  });
  expect(file).toMatchObject({
    object: 'file',
    purpose: 'batch',
    filename: 'batch.jsonl',
    status: 'processed',
  });
  const created = await client.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
  if (cancel) expect((await client.batches.cancel(created.id)).status).toBe('cancelling');
  const finished = await waitFor(
    () => client.batches.retrieve(created.id),
    (batch) => ['completed', 'expired', 'cancelled', 'failed'].includes(batch.status),
  );
  const read = async (id: string | null | undefined) =>
    id
      ? (await (await client.files.content(id)).text())
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
      : [];
  return {
    created,
    finished,
    output: await read(finished.output_file_id),
    errors: await read(finished.error_file_id),
  };
}

describe('OpenAI Batch API', () => {
  it('uploads a JSONL file, runs the batch and serves the output file', async () => {
    await using server = await startTestServer();
    const { created, finished, output, errors } = await openaiBatch(
      server,
      [0, 1, 2].map((index) => openaiLine(index)),
    );
    expect(created).toMatchObject({
      object: 'batch',
      status: 'validating',
      endpoint: '/v1/chat/completions',
    });
    expect(finished.status).toBe('completed');
    expect(finished.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(errors).toEqual([]);
    expect(output.map((line) => line.custom_id)).toEqual(['line-0', 'line-1', 'line-2']);
    for (const line of output) {
      expect(line.response.status_code).toBe(200);
      expect(line.error).toBeNull();
      expect(JSON.parse(line.response.body.choices[0].message.content).records).toHaveLength(3);
    }
    const stats = server.stats();
    expect(stats.recordsEmitted).toBe(9);
    expect(stats.structuredRequests.jsonSchema).toBe(3);
    expect(stats.tokens.output).toBe(
      output.reduce((sum, line) => sum + line.response.body.usage.completion_tokens, 0),
    );
  });

  it('puts errored requests in the error file (errorRate, and per-line 400s)', async () => {
    await using server = await startTestServer({ batch: { errorRate: 0.5 } });
    const lines = Array.from({ length: 20 }, (_, index) => openaiLine(index));
    const { finished, output, errors } = await openaiBatch(server, lines);
    const counts = finished.request_counts ?? { total: 0, completed: 0, failed: 0 };
    expect(counts.completed + counts.failed).toBe(20);
    expect(counts.failed).toBeGreaterThan(3);
    expect(counts.failed).toBeLessThan(17);
    expect(output).toHaveLength(counts.completed);
    expect(errors).toHaveLength(counts.failed);
    for (const line of errors)
      expect(line.error).toMatchObject({ code: 'server_error', message: expect.any(String) });

    await using clean = await startTestServer();
    const invalid = await openaiBatch(clean, [openaiLine(0, { model: '' }), openaiLine(1)]);
    expect(invalid.finished.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    expect(invalid.errors[0]).toMatchObject({ custom_id: 'line-0', response: { status_code: 400 } });
  });

  it('expires every request with expireAll, and cancels on request', async () => {
    await using expiring = await startTestServer({ batch: { expireAll: true } });
    const expired = await openaiBatch(expiring, [openaiLine(0), openaiLine(1)]);
    expect(expired.finished.status).toBe('expired');
    expect(expired.finished.output_file_id).toBeNull();
    expect(expired.errors.map((line) => line.error.code)).toEqual(['batch_expired', 'batch_expired']);
    expect(expiring.stats().recordsEmitted).toBe(0);

    await using slow = await startTestServer({ batch: { processingMs: 5000 } });
    const cancelled = await openaiBatch(slow, [openaiLine(0)], true);
    expect(cancelled.finished.status).toBe('cancelled');
    expect(cancelled.finished.cancelled_at).not.toBeNull();
    expect(cancelled.output).toEqual([]);
  });
});
