import { schemaViolations, startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { belleSampleRequest } from '../testing/belle-sample-request.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { seedTaskBatchSchema } from '../testing/seed-task-schema.js';
import { createOpenAI } from './create-openai.js';
import type { OpenAICompat } from './openai-settings.js';

async function gpt(options: TestServerOptions = {}, compat: OpenAICompat = 'openai', model = 'gpt-4.1-mini') {
  const server = await startTestServer({ seed: 5, ...options });
  onTestFinished(() => server.close());
  const provider = createOpenAI({
    apiKey: 'test-key',
    baseURL: server.openaiBaseURL,
    compat,
    timeoutMs: 5000,
  });
  return { server, model: provider(model) };
}

describe('OpenAI adapter', () => {
  it('returns nested records conforming to the schema by strict JSON-schema output', async () => {
    const { server, model } = await gpt();
    expect(model.provider).toBe('openai');
    const result = await model.generate(seedTaskRequest({ count: 4 }));
    expect(result.outputMode).toBe('json_schema');
    expect(result.finishReason).toBe('stop');
    expect(schemaViolations(result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
    expect(JSON.stringify(result.object)).not.toContain('null');
    expect(result.requestId).toMatch(/^req_/);
    // the model id the provider reported answering with (the loopback server reports the id asked for)
    expect(result.model).toBe('gpt-4.1-mini');
    expect(result.warnings.join('\n')).toMatch(
      /does not take 9 schema constraint\(s\).*records\[\]\.name\.pattern/,
    );
    const second = await model.generate(seedTaskRequest({ seedOffset: 2 }));
    expect(second.warnings).toEqual([]);
    expect(server.stats().structuredRequests).toMatchObject({ jsonSchema: 2 });
  });

  it('speaks non-strict JSON schema to ollama without any API key', async () => {
    const server = await startTestServer({ seed: 5 });
    onTestFinished(() => server.close());
    const model = createOpenAI({ compat: 'ollama', baseURL: server.openaiBaseURL })('llama3.1');
    expect(model.provider).toBe('openai-compatible');
    const result = await model.generate(seedTaskRequest());
    expect(result.outputMode).toBe('json_schema');
    expect(schemaViolations(result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
  });

  it('uses JSON mode for DeepSeek-like servers, adding the "json" wording the mode requires', async () => {
    const { server, model } = await gpt({}, 'deepseek', 'deepseek-chat');
    expect(model.capabilities.structuredOutput).toBe('json_object');
    const result = await model.generate(belleSampleRequest());
    expect(result.outputMode).toBe('json_object');
    expect(result.object).toBeTypeOf('object');
    expect(result.text).toMatch(/[\u4e00-\u9fff]/);
    expect(server.stats().structuredRequests.jsonObject).toBe(1);
  });

  it('returns plain text for compat none', async () => {
    const { server, model } = await gpt({}, 'none', 'local-model');
    const result = await model.generate(seedTaskRequest());
    expect(result.outputMode).toBe('text');
    expect(result.object).toBeUndefined();
    expect(result.text).toContain('```json');
    expect(server.stats().structuredRequests.text).toBe(1);
  });

  it('steps down from a rejected JSON schema to JSON mode once, and remembers it', async () => {
    const { server, model } = await gpt({ rejectJsonSchema: true });
    const first = await model.generate(seedTaskRequest());
    expect(first.outputMode).toBe('json_object');
    expect(first.object).toBeTypeOf('object');
    expect(first.warnings.join('\n')).toMatch(
      /rejected output mode 'json_schema'.*uses 'json_object' from now on/,
    );
    const second = await model.generate(seedTaskRequest({ seedOffset: 1 }));
    expect(second.outputMode).toBe('json_object');
    expect(second.warnings).toEqual([]);
    expect(server.stats().requests['POST /v1/chat/completions']).toBe(3);
    expect(server.stats().structuredRequests).toMatchObject({ jsonObject: 2, jsonSchema: 0 });
  });

  it('reports automatically cached prompt tokens as cache reads', async () => {
    const { model } = await gpt();
    const request = seedTaskRequest();
    const first = await model.generate(request);
    const second = await model.generate(request);
    expect(first.usage.cacheReadTokens).toBe(0);
    expect(second.usage.cacheReadTokens).toBeGreaterThanOrEqual(1024);
    expect(second.usage.inputTokens + second.usage.cacheReadTokens).toBe(first.usage.inputTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
  });

  it('parses x-ratelimit headers, durations included', async () => {
    const { model } = await gpt({ rpm: 60, tpm: 1_000_000 });
    const { rateLimit } = await model.generate(seedTaskRequest());
    expect(rateLimit).toMatchObject({ requestsLimit: 60, requestsRemaining: 59, tokensLimit: 1_000_000 });
    expect(rateLimit?.resetMs).toBeGreaterThan(0);
    expect(rateLimit?.resetMs).toBeLessThanOrEqual(60_000);
  });

  it('returns refusals and truncations; throws on empty completions', async () => {
    const refusal = await (await gpt({ faults: { refusal: 1 } })).model.generate(seedTaskRequest());
    expect(refusal.finishReason).toBe('refusal');
    expect(refusal.text).toMatch(/sorry/i);
    expect(refusal.object).toBeUndefined();

    const truncated = await (await gpt({ faults: { truncate: 1 } })).model.generate(
      seedTaskRequest({ count: 6 }),
    );
    expect(truncated.finishReason).toBe('length');
    expect(truncated.object).toBeUndefined();
    expect(truncated.text.length).toBeGreaterThan(0);

    const malformed = await (await gpt({ faults: { malformed: 1 } })).model.generate(seedTaskRequest());
    expect(malformed.object).toBeUndefined();
    expect(malformed.text).toMatch(/record/);

    const empty = (await gpt({ faults: { empty: 1 } })).model.generate(seedTaskRequest());
    await expect(empty).rejects.toMatchObject({ kind: 'invalid_output', provider: 'openai' });
  });

  it('leaves temperature out for reasoning models and says so once', async () => {
    const { model } = await gpt({}, 'openai', 'o4-mini');
    const first = await model.generate({ ...seedTaskRequest(), temperature: 0.9 });
    expect(first.warnings.join('\n')).toMatch(/'o4-mini' takes no temperature/);
    const second = await model.generate({ ...seedTaskRequest(), temperature: 0.9 });
    expect(second.warnings).toEqual([]);
  });
});
