import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { faultOrder } from './fault-draw.js';
import { recordsSchema } from './records-schema.js';
import { startTestServer } from './test-server.js';
import type { FaultKind } from './test-server-types.js';

const schema = recordsSchema({ text: { type: 'string' } });
const requestsPerKind = 200;
const probability = 0.2;
/**
 * A hung request is told apart from a slow one only by the client's timeout: long enough that a
 * loaded 2-core machine running every suite at once does not make clean answers look hung, short
 * enough that the hung ones (waited for in parallel, see `laneCount`) end quickly.
 */
const timeoutFor = (kind: string) => (kind === 'hang' ? 4000 : 15_000);
/** Hung requests each hold a lane until their timeout: give them enough lanes to wait side by side. */
const laneCount = (kind: string) => (kind === 'hang' ? 60 : 25);

/** Runs `count` tasks with at most `width` in flight. */
async function pool<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What an Anthropic SDK user sees for one request, reduced to a fault kind ('none' for a clean answer). */
async function anthropicOutcome(client: Anthropic): Promise<string> {
  try {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 2000,
      output_config: { format: { type: 'json_schema', schema } },
      messages: [{ role: 'user', content: 'Generate 3 records.' }],
    });
    const text = message.content[0]?.type === 'text' ? message.content[0].text : undefined;
    if (message.stop_reason === 'refusal') return 'refusal';
    if (message.stop_reason === 'max_tokens')
      return text !== undefined && !isJson(text) ? 'truncate' : 'bad-truncate';
    if (message.content.length === 0) return 'empty';
    if (text !== undefined && !isJson(text)) return 'malformed';
    return 'none';
  } catch (error) {
    if (error instanceof Anthropic.APIConnectionTimeoutError) return 'hang';
    if (error instanceof Anthropic.APIConnectionError) return 'reset';
    if (error instanceof Anthropic.RateLimitError) {
      const body = error.error as { type: string; error: { type: string; message: string } };
      expect(body.type).toBe('error');
      expect(body.error.type).toBe('rate_limit_error');
      if (/usage limits|credit balance/.test(body.error.message)) return 'quota';
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(error.headers?.get('retry-after-ms'))).toBeGreaterThan(0);
      return 'rateLimit';
    }
    if (error instanceof Anthropic.APIError && error.status === 529) {
      expect((error.error as { error: { type: string } }).error.type).toBe('overloaded_error');
      return 'overloaded';
    }
    if (error instanceof Anthropic.InternalServerError && error.status === 500) {
      expect((error.error as { error: { type: string } }).error.type).toBe('api_error');
      expect(error.requestID).toMatch(/^req_/);
      return 'server';
    }
    throw error;
  }
}

/** What an OpenAI SDK user sees for one request, reduced to a fault kind ('none' for a clean answer). */
async function openaiOutcome(client: OpenAI): Promise<string> {
  try {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Generate 3 records.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'records', schema, strict: true } },
    });
    const choice = completion.choices[0];
    const content = choice?.message.content;
    if (choice?.message.refusal) {
      expect(choice.finish_reason).toBe('stop');
      expect(content).toBeNull();
      return 'refusal';
    }
    if (choice?.finish_reason === 'length') return content && !isJson(content) ? 'truncate' : 'bad-truncate';
    if (content === '') return 'empty';
    if (content && !isJson(content)) return 'malformed';
    return 'none';
  } catch (error) {
    if (error instanceof OpenAI.APIConnectionTimeoutError) return 'hang';
    if (error instanceof OpenAI.APIConnectionError) return 'reset';
    if (error instanceof OpenAI.RateLimitError) {
      if (error.code === 'insufficient_quota') return 'quota';
      expect(error.code).toBe('rate_limit_exceeded');
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
      return 'rateLimit';
    }
    if (error instanceof OpenAI.InternalServerError && error.status === 503) return 'overloaded';
    if (error instanceof OpenAI.InternalServerError && error.status === 500) {
      expect(error.type).toBe('server_error');
      return 'server';
    }
    throw error;
  }
}

const clients = {
  anthropic: (url: string, timeout: number) =>
    anthropicOutcome.bind(null, new Anthropic({ apiKey: 'k', baseURL: url, maxRetries: 0, timeout })),
  openai: (url: string, timeout: number) =>
    openaiOutcome.bind(null, new OpenAI({ apiKey: 'k', baseURL: `${url}/v1`, maxRetries: 0, timeout })),
};

describe.each(['anthropic', 'openai'] as const)('faults through the %s SDK', (provider) => {
  it.each(faultOrder)(
    'serves %s at about its configured rate, in the shape the SDK expects',
    async (kind: FaultKind) => {
      await using server = await startTestServer({ seed: 11, faults: { [kind]: probability } });
      const outcome = clients[provider](server.url, timeoutFor(kind));
      const outcomes = await pool(requestsPerKind, laneCount(kind), () => outcome());
      const counts = new Map<string, number>();
      for (const seen of outcomes) counts.set(seen, (counts.get(seen) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual([kind, 'none'].sort());
      const served = counts.get(kind) ?? 0;
      expect(served).toBeGreaterThanOrEqual(requestsPerKind * probability * 0.5);
      expect(served).toBeLessThanOrEqual(requestsPerKind * probability * 1.5);
      expect(server.stats().faults).toEqual({ [kind]: served });
    },
  );
});

describe('fault mixes', () => {
  it('serves at most one fault per request and each kind near its own rate', async () => {
    await using server = await startTestServer({
      seed: 5,
      faults: { server: 0.1, malformed: 0.1, refusal: 0.1 },
    });
    const outcome = clients.openai(server.url, timeoutFor('mix'));
    const outcomes = await pool(300, 25, () => outcome());
    const stats = server.stats();
    const total = Object.values(stats.faults).reduce((sum, value) => sum + value, 0);
    expect(outcomes.filter((seen) => seen !== 'none')).toHaveLength(total);
    for (const kind of ['server', 'malformed', 'refusal']) {
      expect(stats.faults[kind]).toBe(outcomes.filter((seen) => seen === kind).length);
      expect(stats.faults[kind]).toBeGreaterThan(10);
      expect(stats.faults[kind]).toBeLessThan(50);
    }
  });
});
