import { schemaViolations, startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { GenerateRequest } from '../spec/generate-request.js';
import { ProviderError } from '../spec/provider-error.js';
import { reviewsRequest, reviewsSchema } from '../testing/reviews-request.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { createAnthropic } from './create-anthropic.js';

async function serve(options: TestServerOptions = {}) {
  const server = await startTestServer({ seed: 11, ...options });
  onTestFinished(() => server.close());
  return server;
}

async function claude(options: TestServerOptions = {}, model = 'claude-haiku-5-5', native = false) {
  const server = await serve(options);
  const provider = createAnthropic({ apiKey: 'test-key', baseURL: server.anthropicBaseURL, timeoutMs: 5000 });
  return { server, model: provider(model, { nativeStructuredOutput: native }) };
}

interface SeedTaskBatch {
  records: { difficulty?: number; instances: unknown[] }[];
}

describe('Anthropic adapter', () => {
  it('returns nested records conforming to the schema by forced tool use', async () => {
    const { server, model } = await claude({ modelSnapshot: '-20260101' });
    const result = await model.generate(seedTaskRequest({ count: 4 }));
    expect(result.outputMode).toBe('tool');
    expect(result.finishReason).toBe('tool');
    expect(schemaViolations(result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
    const batch = result.object as SeedTaskBatch;
    expect(batch.records.length).toBeGreaterThan(0);
    for (const record of batch.records) {
      expect(record.instances.length).toBeGreaterThan(0);
      if (record.difficulty !== undefined) expect(record.difficulty).toBeGreaterThanOrEqual(1);
    }
    expect(JSON.parse(result.text)).toEqual(result.object);
    expect(result.usage.inputTokens + result.usage.cacheWriteTokens).toBeGreaterThan(1024);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    // the request id the server sent (its `request-id` header) and the model id it reported
    // answering with: a dated snapshot of the id asked for, as the real API reports one
    expect(result.requestId).toMatch(/^req_/);
    expect([result.requestId]).toEqual(server.stats().answeredRequestIds);
    expect(result.model).toBe('claude-haiku-5-5-20260101');
    expect(server.stats().structuredRequests).toMatchObject({ tool: 1, nativeJsonSchema: 0 });
  });

  it('uses native JSON-schema output when asked for it', async () => {
    const { server, model } = await claude({}, 'claude-haiku-5-5', true);
    const result = await model.generate(seedTaskRequest());
    expect(result.outputMode).toBe('native_json_schema');
    expect(result.finishReason).toBe('stop');
    expect(schemaViolations(result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
    expect(server.stats().structuredRequests).toMatchObject({ tool: 0, nativeJsonSchema: 1 });
  });

  it('native output: ranges, lengths and item counts Claude cannot enforce travel in descriptions, and answers meet them', async () => {
    const { server, model } = await claude({}, 'claude-haiku-5-5', true);
    const first = await model.generate(reviewsRequest(7));
    expect(first.outputMode).toBe('native_json_schema');
    // The server refuses schemas outside the documented limitations, so a 200 means they held.
    expect(schemaViolations(first.object, reviewsSchema(7))).toEqual([]);
    expect(first.warnings.join('\n')).toMatch(
      /Anthropic structured output \(output_config\.format\) does not take .*records\.minItems.*records\[\]\.rating\.minimum.*moved into the fields' descriptions/,
    );
    const second = await model.generate(reviewsRequest(7));
    expect(second.warnings).toEqual([]);
    expect(schemaViolations(second.object, reviewsSchema(7))).toEqual([]);
    expect(server.stats().structuredRequests).toMatchObject({ nativeJsonSchema: 2 });
  });

  it('forced tool use: every constraint kind reaches Claude as written, and answers meet them', async () => {
    const { model } = await claude();
    const result = await model.generate(reviewsRequest(5));
    expect(result.outputMode).toBe('tool');
    expect(schemaViolations(result.object, reviewsSchema(5))).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('steps down from a rejected native output to tool use once, and remembers it', async () => {
    const { server, model } = await claude({ rejectNativeStructuredOutput: true }, 'claude-haiku-5-5', true);
    const first = await model.generate(seedTaskRequest());
    expect(first.outputMode).toBe('tool');
    expect(first.object).toBeDefined();
    expect(first.warnings.join('\n')).toMatch(/rejected native structured output.*forced tool use/);
    const second = await model.generate(seedTaskRequest({ seedOffset: 3 }));
    expect(second.outputMode).toBe('tool');
    expect(second.warnings).toEqual([]);
    expect(server.stats().requests['POST /v1/messages']).toBe(3);
    // The rejected native attempt is the third request; testkit counts modes of accepted requests only.
    expect(server.stats().structuredRequests).toMatchObject({ nativeJsonSchema: 0, tool: 2 });
  });

  it('marks cached system blocks on the wire: the first call writes the cache, the next reads it', async () => {
    const { server, model } = await claude();
    const first = await model.generate(seedTaskRequest());
    expect(server.stats().cacheControlBlocks).toBe(1);
    expect(first.usage.cacheWriteTokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage.cacheReadTokens).toBe(0);
    const second = await model.generate(seedTaskRequest({ seedOffset: 5 }));
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
    expect(server.stats().cacheControlBlocks).toBe(2);
    expect(server.stats().tokens.cacheRead).toBe(second.usage.cacheReadTokens);
  });

  it('counts input tokens exactly with the count-tokens endpoint', async () => {
    const { model } = await claude();
    const request = seedTaskRequest();
    const counted = await model.countTokens?.(request);
    const { usage } = await model.generate(request);
    expect(counted).toBe(usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens);
  });

  it('parses rate-limit headers into the result', async () => {
    const { model } = await claude({ rpm: 50, tpm: 500_000 });
    const { rateLimit } = await model.generate(seedTaskRequest());
    expect(rateLimit).toMatchObject({ requestsLimit: 50, requestsRemaining: 49, tokensLimit: 500_000 });
    expect(rateLimit?.tokensRemaining).toBeLessThan(500_000);
    expect(rateLimit?.resetMs).toBeGreaterThan(0);
    expect(rateLimit?.resetMs).toBeLessThanOrEqual(61_000);
  });

  it('returns plain text when no structured output is asked for', async () => {
    const { server, model } = await claude();
    const result = await model.generate(seedTaskRequest({ structured: false }));
    expect(result.outputMode).toBe('text');
    expect(result.object).toBeUndefined();
    expect(result.text).toContain('```json');
    expect(server.stats().structuredRequests.text).toBe(1);
  });

  it('wraps a non-object root schema for the tool and unwraps the answer', async () => {
    const { model } = await claude();
    const arraySchema = (seedTaskBatchSchema.properties as Record<string, unknown>).records as Record<
      string,
      unknown
    >;
    const request: GenerateRequest = { ...seedTaskRequest(), output: { name: 'tasks', schema: arraySchema } };
    const result = await model.generate(request);
    expect(Array.isArray(result.object)).toBe(true);
    expect(JSON.parse(result.text)).toEqual(result.object);
    expect(schemaViolations(result.object, arraySchema, { shapeOnly: true })).toEqual([]);
  });

  it('returns refusals, truncations and malformed text instead of throwing; throws on empty completions', async () => {
    const refusal = await (await claude({ faults: { refusal: 1 } })).model.generate(seedTaskRequest());
    expect(refusal.finishReason).toBe('refusal');
    expect(refusal.text).toMatch(/sorry/i);
    expect(refusal.object).toBeUndefined();

    const truncated = await (await claude({ faults: { truncate: 1 } })).model.generate(
      seedTaskRequest({ count: 6 }),
    );
    expect(truncated.finishReason).toBe('length');
    expect(truncated.object).toBeUndefined();
    expect(truncated.text).not.toBe('');

    const malformed = await (await claude({ faults: { malformed: 1 } })).model.generate(seedTaskRequest());
    expect(malformed.object).toBeUndefined();
    expect(malformed.text).toMatch(/record/);

    const empty = (await claude({ faults: { empty: 1 } })).model.generate(seedTaskRequest());
    await expect(empty).rejects.toMatchObject({ kind: 'invalid_output', retryable: false });
  });

  it('surfaces SDK model-deprecation warnings in the result instead of printing them', async () => {
    const printed = vi.spyOn(console, 'warn');
    onTestFinished(() => printed.mockRestore());
    const { model } = await claude({}, 'claude-opus-4-5');
    const result = await model.generate(seedTaskRequest());
    expect(result.warnings.join('\n')).toMatch(/claude-opus-4-5' is deprecated/);
    expect(result.warnings.every((warning) => !warning.includes('\n'))).toBe(true);
    expect(printed).not.toHaveBeenCalled();
  });

  it('never sends a temperature (API 2026-10-21 rejects it) and warns once per model', async () => {
    const { model } = await claude();
    const first = await model.generate({ ...seedTaskRequest(), temperature: 0.7 });
    const second = await model.generate({ ...seedTaskRequest(), temperature: 0.7 });
    expect(first.warnings.join('\n')).toMatch(/takes no temperature/);
    expect(second.warnings).toEqual([]);
  });

  it('fails an already aborted call without sending anything', async () => {
    const { server, model } = await claude();
    const error = await model
      .generate(seedTaskRequest(), { signal: AbortSignal.abort() })
      .catch((caught) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    expect(server.stats().totalRequests).toBe(0);
  });
});
