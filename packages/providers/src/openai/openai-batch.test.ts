import { schemaViolations, startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { collectResults, waitForBatch } from '../testing/wait-for-batch.js';
import { createOpenAI } from './create-openai.js';

async function gptBatch(options: TestServerOptions = {}) {
  const server = await startTestServer({ seed: 6, batch: { processingMs: 20 }, ...options });
  onTestFinished(() => server.close());
  const model = createOpenAI({ apiKey: 'test-key', baseURL: server.openaiBaseURL, timeoutMs: 5000 })(
    'gpt-4.1-mini',
  );
  if (!model.batch) throw new Error('the OpenAI model has no batch API');
  return { server, model, batch: model.batch };
}

const requests = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    customId: `r${index}`,
    request: seedTaskRequest({ count: 2, seedOffset: index }),
  }));

describe('OpenAI Batch adapter', () => {
  it('uploads the requests as JSONL, and reads every answer exactly as an online call reads it', async () => {
    const { server, batch } = await gptBatch();
    const submitted = await batch.submit(requests(3));
    expect(submitted).toMatchObject({ status: 'in_progress', counts: { total: 3 } });
    const ended = await waitForBatch(batch, submitted.id);
    expect(ended.counts).toMatchObject({ total: 3, succeeded: 3, errored: 0, processing: 0 });
    const output = seedTaskRequest().output;
    const lines = await collectResults(batch, submitted.id, output ? { output } : {});
    expect(lines.map((line) => line.customId)).toEqual(['r0', 'r1', 'r2']);
    for (const line of lines) {
      if (line.status !== 'succeeded') throw new Error(`unexpected ${line.status}`);
      expect(line.result.outputMode).toBe('json_schema');
      expect(schemaViolations(line.result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
      expect(line.result.usage.outputTokens).toBeGreaterThan(0);
    }
    const stats = server.stats();
    expect(stats.requests['POST /v1/files']).toBe(1);
    expect(stats.requests['POST /v1/batches']).toBe(1);
    expect(stats.structuredRequests.jsonSchema).toBe(3);
  });

  it('normalises failed lines, reports expired ones, and cancels', async () => {
    const failing = await gptBatch({ batch: { errorRate: 1, processingMs: 10 } });
    const id = (await failing.batch.submit(requests(2))).id;
    expect((await waitForBatch(failing.batch, id)).counts.errored).toBe(2);
    for (const line of await collectResults(failing.batch, id)) {
      expect(line).toMatchObject({ status: 'errored', error: { kind: 'server', retryable: true } });
    }

    const expiring = await gptBatch({ batch: { expireAll: true, processingMs: 10 } });
    const expiredId = (await expiring.batch.submit(requests(2))).id;
    await waitForBatch(expiring.batch, expiredId);
    const expired = await collectResults(expiring.batch, expiredId);
    expect(expired.map((line) => line.status)).toEqual(['expired', 'expired']);
    expect(expired[0]).toMatchObject({ customId: 'r0', error: { kind: 'timeout' } });

    const slow = await gptBatch({ batch: { processingMs: 5000 } });
    const slowId = (await slow.batch.submit(requests(1))).id;
    await expect(collectResults(slow.batch, slowId)).rejects.toThrow(/has not ended/);
    expect((await slow.batch.cancel(slowId)).status).toBe('canceling');
    expect((await waitForBatch(slow.batch, slowId)).counts.canceled).toBe(1);
  });

  it('offers no batch API on self-hosted compatible servers', () => {
    const model = createOpenAI({ compat: 'ollama' })('llama3.1');
    expect(model.capabilities.batch).toBe(false);
    expect(model.batch).toBeUndefined();
  });
});
