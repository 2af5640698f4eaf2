import { schemaViolations, startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ProviderError } from '../spec/provider-error.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { collectResults, waitForBatch } from '../testing/wait-for-batch.js';
import { createAnthropic } from './create-anthropic.js';

async function claudeBatch(options: TestServerOptions = {}) {
  const server = await startTestServer({ seed: 5, batch: { processingMs: 20 }, ...options });
  onTestFinished(() => server.close());
  const model = createAnthropic({ apiKey: 'test-key', baseURL: server.anthropicBaseURL, timeoutMs: 5000 })(
    'claude-haiku-5-5',
  );
  if (!model.batch) throw new Error('the Anthropic model has no batch API');
  return { server, model, batch: model.batch };
}

const requests = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    customId: `r${index}`,
    request: seedTaskRequest({ count: 2, seedOffset: index }),
  }));

describe('Anthropic Message Batches adapter', () => {
  it('submits, reports counts, and reads every answer exactly as an online call reads it', async () => {
    const { server, model, batch } = await claudeBatch();
    expect(model.capabilities.batch).toBe(true);
    const submitted = await batch.submit(requests(3));
    expect(submitted).toMatchObject({ status: 'in_progress', counts: { total: 3, processing: 3 } });
    expect(submitted.id).toMatch(/^msgbatch_/);
    const ended = await waitForBatch(batch, submitted.id);
    expect(ended.counts).toEqual({
      total: 3,
      processing: 0,
      succeeded: 3,
      errored: 0,
      expired: 0,
      canceled: 0,
    });

    const output = seedTaskRequest().output;
    const lines = await collectResults(batch, submitted.id, output ? { output } : {});
    expect(lines.map((line) => line.customId).sort()).toEqual(['r0', 'r1', 'r2']);
    for (const line of lines) {
      if (line.status !== 'succeeded') throw new Error(`unexpected ${line.status}`);
      expect(line.result.outputMode).toBe('tool');
      expect(line.result.finishReason).toBe('tool');
      expect(schemaViolations(line.result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
      expect(JSON.parse(line.result.text)).toEqual(line.result.object);
      expect(line.result.usage.outputTokens).toBeGreaterThan(0);
    }
    // converted like generate: forced tool use and the cache marker on the stable system block
    const online = await model.generate(seedTaskRequest({ count: 2 }));
    expect(online.outputMode).toBe('tool');
    const stats = server.stats();
    expect(stats.requests['POST /v1/messages/batches']).toBe(1);
    expect(stats.structuredRequests.tool).toBe(4);
    expect(stats.cacheControlBlocks).toBe(4);
  });

  it('normalises errored lines like online failures, and reports expired and cancelled requests', async () => {
    const failing = await claudeBatch({ batch: { errorRate: 1, processingMs: 10 } });
    const id = (await failing.batch.submit(requests(2))).id;
    expect((await waitForBatch(failing.batch, id)).counts.errored).toBe(2);
    for (const line of await collectResults(failing.batch, id)) {
      expect(line.status).toBe('errored');
      if (line.status === 'succeeded') continue;
      expect(ProviderError.isInstance(line.error)).toBe(true);
      expect(line.error).toMatchObject({ kind: 'server', retryable: true, provider: 'anthropic' });
      expect(line.error.message).toMatch(/server error \(500\).*Retry later/);
    }

    const expiring = await claudeBatch({ batch: { expireAll: true, processingMs: 10 } });
    const expiredId = (await expiring.batch.submit(requests(2))).id;
    expect((await waitForBatch(expiring.batch, expiredId)).counts.expired).toBe(2);
    const expired = await collectResults(expiring.batch, expiredId);
    expect(expired.map((line) => line.status)).toEqual(['expired', 'expired']);
    expect(expired[0]).toMatchObject({ error: { kind: 'timeout', retryable: true } });

    const slow = await claudeBatch({ batch: { processingMs: 5000 } });
    const slowId = (await slow.batch.submit(requests(1))).id;
    expect((await slow.batch.cancel(slowId)).status).toBe('canceling');
    expect((await waitForBatch(slow.batch, slowId)).counts.canceled).toBe(1);
    expect((await collectResults(slow.batch, slowId)).map((line) => line.status)).toEqual(['canceled']);
  });

  it('refuses a batch the API would refuse before sending anything', async () => {
    const { server, batch } = await claudeBatch();
    const [one] = requests(1);
    if (!one) throw new Error('no request');
    await expect(batch.submit([])).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(batch.submit([one, one])).rejects.toThrow(/used twice/);
    await expect(batch.submit([{ ...one, customId: 'no spaces allowed' }])).rejects.toThrow(/custom id/);
    expect(batch.limits.maxRequests).toBe(100_000);
    await expect(batch.retrieve('msgbatch_missing')).rejects.toMatchObject({
      kind: 'invalid_request',
      status: 404,
    });
    expect(server.stats().requests['POST /v1/messages/batches'] ?? 0).toBe(0);
  });
});
