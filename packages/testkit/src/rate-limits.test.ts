import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import { anthropicRequest, openaiRequest } from './testing/one-record-requests.js';

describe('requests-per-minute limit', () => {
  it('Anthropic: counts down the request headers, then answers 429 with retry-after', async () => {
    await using server = await startTestServer({ rpm: 3 });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const started = Date.now();
    const remaining: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const { response } = await client.messages.create(anthropicRequest).withResponse();
      expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('3');
      expect(Date.parse(response.headers.get('anthropic-ratelimit-requests-reset') ?? '')).toBeGreaterThan(
        Date.now(),
      );
      remaining.push(response.headers.get('anthropic-ratelimit-requests-remaining') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const error = await client.messages.create(anthropicRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const headers = (error as InstanceType<typeof Anthropic.RateLimitError>).headers;
    // The window opens when the first request was counted: what is left of its minute, however
    // long the four requests took.
    const left = 60_000 - (Date.now() - started);
    expect(Number(headers?.get('retry-after-ms'))).toBeGreaterThanOrEqual(left);
    expect(Number(headers?.get('retry-after-ms'))).toBeLessThanOrEqual(60_000);
    expect(Number(headers?.get('retry-after'))).toBeGreaterThanOrEqual(Math.floor(left / 1000));
    expect(Number(headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    const stats = server.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.faults).toEqual({});
    expect(stats.requests['POST /v1/messages']).toBe(4);
  });

  it('OpenAI: counts down x-ratelimit headers, then answers 429 rate_limit_exceeded with retry-after', async () => {
    await using server = await startTestServer({ rpm: 2 });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const started = Date.now();
    const first = await client.chat.completions.create(openaiRequest).withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?[\d.]+s$/);
    await client.chat.completions.create(openaiRequest);
    const error = await client.chat.completions.create(openaiRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(rateLimit.type).toBe('requests');
    const left = 60_000 - (Date.now() - started);
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeGreaterThanOrEqual(Math.floor(left / 1000));
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(rateLimit.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(server.stats().rateLimited).toBe(1);
  });

  it.each(['anthropic', 'openai'] as const)(
    '%s SDK with its own retries waits for retry-after-ms and then succeeds',
    async (provider) => {
      // The first answer is a 429 (the rate-limit fault, switched off once served): the retry must
      // go out no sooner than the 429's own retry-after-ms, whatever the machine's speed.
      const faults = { rateLimit: 1 };
      await using server = await startTestServer({ faults });
      const sentAt: number[] = [];
      let limited: { at: number; retryAfterMs: number } | undefined;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        sentAt.push(Date.now());
        const response = await globalThis.fetch(input, init);
        if (response.status === 429) {
          faults.rateLimit = 0;
          limited = { at: Date.now(), retryAfterMs: Number(response.headers.get('retry-after-ms')) };
        }
        return response;
      };
      const options = { apiKey: 'k', maxRetries: 3, fetch };
      await (provider === 'anthropic'
        ? new Anthropic({ ...options, baseURL: server.anthropicBaseURL }).messages.create(anthropicRequest)
        : new OpenAI({ ...options, baseURL: server.openaiBaseURL }).chat.completions.create(openaiRequest));
      expect(sentAt).toHaveLength(2);
      expect(limited?.retryAfterMs).toBeGreaterThan(0);
      // A timer may fire a millisecond early (Node rounds); never more.
      expect((sentAt[1] as number) - (limited?.at as number)).toBeGreaterThanOrEqual(
        (limited?.retryAfterMs as number) - 1,
      );
      const stats = server.stats();
      expect(stats.faults).toEqual({ rateLimit: 1 });
      expect(stats.recordsEmitted).toBe(1);
    },
  );
});
