import { schemaViolations, startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { belleSampleRequest } from '../testing/belle-sample-request.js';
import { reviewsRequest, reviewsSchema } from '../testing/reviews-request.js';
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
    const { server, model } = await gpt({ modelSnapshot: '-2026-04-14' });
    expect(model.provider).toBe('openai');
    const result = await model.generate(seedTaskRequest({ count: 4 }));
    expect(result.outputMode).toBe('json_schema');
    expect(result.finishReason).toBe('stop');
    expect(schemaViolations(result.object, seedTaskBatchSchema, { shapeOnly: true })).toEqual([]);
    expect(JSON.stringify(result.object)).not.toContain('null');
    // the request id the server sent (its `x-request-id` header) and the model id it reported
    // answering with: a dated snapshot of the id asked for, as the real API reports one
    expect(result.requestId).toMatch(/^req_/);
    expect([result.requestId]).toEqual(server.stats().answeredRequestIds);
    expect(result.model).toBe('gpt-4.1-mini-2026-04-14');
    // Ranges, patterns and item counts are in OpenAI's supported list; only string lengths leave.
    expect(result.warnings.join('\n')).toMatch(
      /does not take 3 schema constraint\(s\) \(records\[\]\.name\.minLength, records\[\]\.name\.maxLength, records\[\]\.instruction\.minLength\); they were moved into the fields' descriptions/,
    );
    const second = await model.generate(seedTaskRequest({ seedOffset: 2 }));
    expect(second.warnings).toEqual([]);
    expect(server.stats().structuredRequests).toMatchObject({ jsonSchema: 2 });
  });

  it('strict output carries integer ranges and item counts; string lengths travel in descriptions; answers meet all', async () => {
    const { server, model } = await gpt();
    for (let round = 0; round < 3; round += 1) {
      const result = await model.generate(reviewsRequest(6));
      expect(result.outputMode).toBe('json_schema');
      expect(schemaViolations(result.object, reviewsSchema(6))).toEqual([]);
    }
    expect(server.stats().structuredRequests).toMatchObject({ jsonSchema: 3 });
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
    expect(first.warnings.join('\n')).toMatch(/rejected output mode 'json_schema'.*trying 'json_object'/);
    const second = await model.generate(seedTaskRequest({ seedOffset: 1 }));
    expect(second.outputMode).toBe('json_object');
    expect(second.warnings).toEqual([]);
    expect(server.stats().requests['POST /v1/chat/completions']).toBe(3);
    expect(server.stats().structuredRequests).toMatchObject({ jsonObject: 2, jsonSchema: 0 });
  });

  it('an OpenAI-compatible server gets json_schema first, and says once which mode it answers in', async () => {
    const { server, model } = await gpt({}, 'generic', 'local-model');
    expect(model.capabilities.structuredOutput).toBe('json_schema');
    const first = await model.generate(reviewsRequest(4));
    expect(first.outputMode).toBe('json_schema');
    expect(schemaViolations(first.object, reviewsSchema(4))).toEqual([]);
    expect(first.warnings).toEqual([
      "The OpenAI-compatible server answers 'local-model' in output mode 'json_schema' (its best structured-output mode); this model uses it for the rest of the run.",
    ]);
    expect((await model.generate(reviewsRequest(4))).warnings).toEqual([]);
    expect(server.stats().structuredRequests).toMatchObject({ jsonSchema: 2, jsonObject: 0 });
  });

  it('steps down json_schema → json_object → text only on refusals naming response_format, once per model', async () => {
    for (const compat of ['generic', 'ollama', 'vllm', 'dashscope'] as const) {
      const { server, model } = await gpt({ rejectJsonSchema: true, rejectJsonObject: true }, compat, 'm');
      const first = await model.generate(reviewsRequest(3));
      expect(first.outputMode, compat).toBe('text');
      expect(first.text).toContain('```json');
      const said = first.warnings.join('\n');
      expect(said).toMatch(
        /rejected output mode 'json_schema' for 'm' \(.*response_format.*\); trying 'json_object'/,
      );
      expect(said).toMatch(
        /rejected output mode 'json_object' for 'm' \(.*response_format.*\); trying 'text'/,
      );
      expect(said).toMatch(
        /answers 'm' in output mode 'text' \(a step down from 'json_schema', which it refused\)/,
      );
      const second = await model.generate(reviewsRequest(3));
      expect(second.outputMode).toBe('text');
      expect(second.warnings).toEqual([]);
      expect(server.stats().requests['POST /v1/chat/completions'], compat).toBe(4);
      expect(server.stats().structuredRequests).toMatchObject({ text: 2, jsonSchema: 0, jsonObject: 0 });
    }
    const { server, model } = await gpt({ rejectJsonSchema: true }, 'generic', 'm');
    expect((await model.generate(reviewsRequest(3))).outputMode).toBe('json_object');
    expect((await model.generate(reviewsRequest(3))).outputMode).toBe('json_object');
    expect(server.stats().requests['POST /v1/chat/completions']).toBe(3);
  });

  it('never steps down on a 400 that is not about the output mode', async () => {
    const { server, model } = await gpt({}, 'generic', 'unknown-model');
    await expect(model.generate(reviewsRequest(2))).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(server.stats().structuredRequests).toMatchObject({ jsonObject: 0, text: 0 });
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

  it("says which sampling settings a model takes: GPT-6 none, GPT-4.1 both, a compatible server's unknown", async () => {
    expect((await gpt({}, 'openai', 'gpt-6-luna')).model.capabilities.sampling).toEqual({
      temperature: false,
      topP: false,
    });
    expect((await gpt({}, 'openai', 'gpt-4.1-mini')).model.capabilities.sampling).toEqual({
      temperature: true,
      topP: true,
    });
    expect((await gpt({}, 'ollama', 'llama3.1')).model.capabilities.sampling).toBeUndefined();
  });
});
