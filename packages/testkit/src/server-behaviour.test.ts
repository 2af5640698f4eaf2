import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { schemaViolations } from './schema-violations.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server-types.js';

const recordSchema = {
  type: 'object',
  properties: {
    instruction: { type: 'string' },
    response: { type: 'string' },
    category: { type: 'string', enum: ['qa', 'chat', 'code'] },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['instruction', 'response', 'category', 'rating'],
  additionalProperties: false,
};
const wrapper = {
  type: 'object',
  properties: { records: { type: 'array', items: recordSchema } },
  required: ['records'],
  additionalProperties: false,
};
/** The same records as Anthropic's structured output takes them: the range moves to the description. */
const anthropicWrapper = {
  ...wrapper,
  properties: {
    records: {
      type: 'array',
      items: {
        ...recordSchema,
        properties: {
          ...recordSchema.properties,
          rating: { type: 'integer', description: '{"minimum":1,"maximum":5}' },
        },
      },
    },
  },
};

function leaves(value: unknown, path = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value))
      for (const [leaf, v] of leaves(entry, `${path}.${key}`)) result.set(leaf, v);
  } else result.set(path, value);
  return result;
}

/** True when `a` and `b` differ in exactly one word of exactly one string field. */
function oneWordApart(a: unknown, b: unknown): boolean {
  const left = leaves(a);
  const right = leaves(b);
  if (left.size !== right.size) return false;
  const differing = [...left].filter(([path, value]) => right.get(path) !== value);
  if (differing.length !== 1) return false;
  const [path, value] = differing[0] ?? [];
  const other = right.get(path as string);
  if (typeof value !== 'string' || typeof other !== 'string') return false;
  const leftWords = value.split(' ');
  const rightWords = other.split(' ');
  return (
    leftWords.length === rightWords.length &&
    leftWords.filter((word, index) => word !== rightWords[index]).length === 1
  );
}

describe('planted records', () => {
  it('plants exact duplicates, near duplicates and invalid records, and counts exactly what the client receives', async () => {
    await using server = await startTestServer({
      seed: 3,
      plant: { exactDuplicate: 0.1, nearDuplicate: 0.1, invalid: 0.1 },
    });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const received: unknown[] = [];
    for (let index = 0; index < 30; index += 1) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Generate 10 records.' }],
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: wrapper, strict: true } },
      });
      received.push(...JSON.parse(completion.choices[0]?.message.content ?? '').records);
    }
    const seen: unknown[] = [];
    const found = { exactDuplicate: 0, nearDuplicate: 0, invalid: 0 };
    for (const record of received) {
      if (schemaViolations(record, recordSchema).length > 0) found.invalid += 1;
      else if (seen.some((earlier) => JSON.stringify(earlier) === JSON.stringify(record)))
        found.exactDuplicate += 1;
      else if (seen.some((earlier) => oneWordApart(earlier, record))) found.nearDuplicate += 1;
      seen.push(record);
    }
    const stats = server.stats();
    expect(stats.recordsEmitted).toBe(300);
    expect(stats.planted).toEqual(found);
    for (const count of Object.values(found)) {
      expect(count).toBeGreaterThan(10);
      expect(count).toBeLessThan(55);
    }
  });

  it('echoes records it was given verbatim, listing exactly the copies it delivered', async () => {
    const heldOut = Array.from({ length: 5 }, (_, index) => ({
      instruction: `Held-out task number ${index}: explain the rules of a board game to a new player.`,
      output: `A held-out answer ${index}.`,
    }));
    await using server = await startTestServer({
      seed: 4,
      plant: { echo: { records: heldOut, share: 0.1 } },
    });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const received: unknown[] = [];
    for (let index = 0; index < 20; index += 1) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Generate 10 records.' }],
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: wrapper, strict: true } },
      });
      received.push(...JSON.parse(completion.choices[0]?.message.content ?? '').records);
    }
    const copies = received.flatMap((record) => {
      const position = heldOut.findIndex((item) => JSON.stringify(item) === JSON.stringify(record));
      return position < 0 ? [] : [position];
    });
    expect(server.stats().echoed).toEqual(copies);
    expect(copies.length).toBeGreaterThan(8);
    expect(copies.length).toBeLessThan(40);
  });

  it('plants a given text into the longest field of some fresh records, counting exactly those it delivered', async () => {
    const planted = 'sk-test-PLANTED-0123456789abcdef';
    await using server = await startTestServer({
      seed: 6,
      plant: { text: { value: planted, share: 0.2 }, exactDuplicate: 0.1 },
    });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const received: Record<string, unknown>[] = [];
    for (let index = 0; index < 10; index += 1) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Generate 10 records.' }],
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: wrapper, strict: true } },
      });
      received.push(...JSON.parse(completion.choices[0]?.message.content ?? '').records);
    }
    const carrying = received.filter((record) => JSON.stringify(record).includes(planted));
    expect(server.stats().textPlanted).toBe(carrying.length);
    expect(carrying.length).toBeGreaterThan(5);
    expect(carrying.length).toBeLessThan(45);
    for (const record of carrying) {
      // In exactly one field, at the end of it, and the record still fits the schema.
      const fields = Object.values(record).filter(
        (value) => typeof value === 'string' && value.includes(planted),
      );
      expect(fields).toHaveLength(1);
      expect(fields[0]).toMatch(new RegExp(` ${planted}$`));
      expect(schemaViolations(record, recordSchema)).toEqual([]);
    }
  });

  it('never repeats or nearly repeats a record by chance when nothing is planted', async () => {
    await using server = await startTestServer({ seed: 9 });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 20_000,
      output_config: { format: { type: 'json_schema', schema: anthropicWrapper } },
      messages: [{ role: 'user', content: 'Generate 200 records.' }],
    });
    const block = message.content[0];
    if (block?.type !== 'text') throw new Error('expected text');
    const records = JSON.parse(block.text).records as { instruction: string }[];
    expect(records).toHaveLength(200);
    const shingles = (text: string) =>
      new Set(Array.from({ length: text.length - 4 }, (_, index) => text.slice(index, index + 5)));
    const sets = records.map((record) => shingles(record.instruction));
    let worst = 0;
    for (let i = 0; i < sets.length; i += 1) {
      for (let j = i + 1; j < sets.length; j += 1) {
        const a = sets[i] ?? new Set<string>();
        const b = sets[j] ?? new Set<string>();
        const shared = [...a].filter((shingle) => b.has(shingle)).length;
        worst = Math.max(worst, shared / (a.size + b.size - shared));
      }
    }
    expect(worst).toBeLessThan(0.5);
  });
});

describe('truncation', () => {
  it('cuts the JSON mid-record and counts only the complete records before the cut', async () => {
    await using server = await startTestServer({ faults: { truncate: 1 } });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 4000,
      messages: [{ role: 'user', content: 'Example: {"q": "a", "a": "b"}. Write 6 new records.' }],
    });
    expect(message.stop_reason).toBe('max_tokens');
    const block = message.content[0];
    if (block?.type !== 'text') throw new Error('expected text');
    const complete = block.text
      .split('\n')
      .map((line) => /^\s+(\{.*\}),$/.exec(line)?.[1])
      .filter((line): line is string => line !== undefined)
      .map((line) => JSON.parse(line));
    expect(complete).toHaveLength(3);
    expect(block.text.endsWith('}')).toBe(false);
    expect(server.stats().recordsEmitted).toBe(3);
    expect(server.stats().faults).toEqual({ truncate: 1 });
  });

  it('with enforceMaxTokens, cuts answers that exceed max_tokens like the real APIs', async () => {
    await using server = await startTestServer({ enforceMaxTokens: true });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      max_completion_tokens: 120,
      messages: [{ role: 'user', content: 'Generate 10 records.' }],
      tools: [{ type: 'function', function: { name: 'emit', parameters: wrapper } }],
      tool_choice: { type: 'function', function: { name: 'emit' } },
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(120);
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(() => JSON.parse(call.function.arguments)).toThrow();
    expect(server.stats().recordsEmitted).toBeLessThan(10);
  });
});

describe('determinism', () => {
  async function transcript(seed: number): Promise<string[]> {
    await using server = await startTestServer({
      seed,
      plant: { nearDuplicate: 0.2 },
      faults: { malformed: 0.2 },
    });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const answers: string[] = [];
    for (const count of [3, 5, 2, 4, 6]) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: `Generate ${count} records.` }],
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: wrapper } },
      });
      answers.push(JSON.stringify([completion.id, completion.choices, completion.usage]));
    }
    return answers;
  }

  it('gives the same answers for the same seed and requests, and different ones for another seed', async () => {
    const first = await transcript(42);
    expect(await transcript(42)).toEqual(first);
    expect(await transcript(43)).not.toEqual(first);
  });
});

/** `count` chat requests to a server that holds them (the hang fault), resolved once it closes. */
async function heldRequests(server: TestServer, count: number): Promise<Promise<unknown>[]> {
  const client = new OpenAI({
    apiKey: 'k',
    baseURL: server.openaiBaseURL,
    maxRetries: 0,
    timeout: 3_600_000,
  });
  const pending = Array.from({ length: count }, () =>
    client.chat.completions
      .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: '1 record' }] })
      .catch((caught: unknown) => caught),
  );
  // Held until the server closes: wait until all have arrived, however slowly.
  await vi.waitFor(() => expect(server.stats().faults).toEqual({ hang: count }), {
    timeout: 60_000,
    interval: 20,
  });
  return pending;
}

describe('stats, latency and shutdown', () => {
  it('tracks concurrency, latency, routes and structured modes, and resets', async () => {
    await using server = await startTestServer({ latencyMs: 80 });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        client.messages.create({
          model: 'claude-sonnet-4-6',
          max_tokens: 500,
          messages: [{ role: 'user', content: '1 record' }],
        }),
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    const stats = server.stats();
    // How many overlapped depends on how fast they arrived; the count of held requests is below.
    expect(stats.maxConcurrent).toBeGreaterThanOrEqual(1);
    expect(stats.maxConcurrent).toBeLessThanOrEqual(5);
    expect(stats.requests).toEqual({ 'POST /v1/messages': 5 });
    expect(stats.totalRequests).toBe(5);
    expect(stats.structuredRequests.text).toBe(5);
    expect(stats.recordsEmitted).toBe(5);
    expect(stats.tokens.input).toBeGreaterThan(0);
    stats.requests.extra = 1;
    expect(server.stats().requests.extra).toBeUndefined();
    server.resetStats();
    expect(server.stats()).toMatchObject({
      totalRequests: 0,
      recordsEmitted: 0,
      maxConcurrent: 0,
      requests: {},
    });
  });

  it('counts requests in flight at once: five held requests are five concurrent', async () => {
    const server = await startTestServer({ faults: { hang: 1 } });
    const pending = await heldRequests(server, 5);
    expect(server.stats().maxConcurrent).toBe(5);
    await server.close();
    await Promise.all(pending);
  });

  it('close() ends hung requests and leaves no open sockets or servers behind', async () => {
    const handles = () =>
      process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap')
        .length;
    const before = handles();
    const server = await startTestServer({ faults: { hang: 1 } });
    const [pending] = await heldRequests(server, 1);
    // The client would wait an hour: the request ending now is close()'s doing.
    await server.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    await server.close();
    // Sockets close as the event loop gets to them: wait for it rather than for a fixed time.
    await vi.waitFor(() => expect(handles()).toBeLessThanOrEqual(before), { timeout: 60_000, interval: 20 });
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe('reported model and request ids', () => {
  it('reports the model id asked for plus modelSnapshot, and lists the request ids of the answers it delivered', async () => {
    await using server = await startTestServer({ seed: 5, modelSnapshot: '-20260101' });
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const { data: message, request_id: anthropicRequestId } = await anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 2_000,
        messages: [{ role: 'user', content: 'Generate 2 records.' }],
      })
      .withResponse();
    const openai = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const { data: completion, request_id: openaiRequestId } = await openai.chat.completions
      .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Generate 2 records.' }] })
      .withResponse();
    expect(message.model).toBe('claude-sonnet-4-6-20260101');
    expect(completion.model).toBe('gpt-4.1-mini-20260101');
    expect(server.stats().answeredRequestIds).toEqual([anthropicRequestId, openaiRequestId]);
    expect(new Set([anthropicRequestId, openaiRequestId]).size).toBe(2);
  });

  it('reports the id asked for unchanged without modelSnapshot', async () => {
    await using server = await startTestServer({ seed: 5 });
    const openai = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const completion = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Generate 2 records.' }],
    });
    expect(completion.model).toBe('gpt-4.1-mini');
  });
});
