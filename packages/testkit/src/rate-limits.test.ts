import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import { anthropicRequest, openaiRequest } from './testing/one-record-requests.js';

describe('requests-per-minute limit', () => {
  it('Anthropic: counts down the request headers, then answers 429 with retry-after', async () => {
    await using server = await startTestServer({ rpm: 3 });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
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
    expect(Number(headers?.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(Number(headers?.get('retry-after-ms'))).toBeGreaterThan(55_000);
    expect(headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    const stats = server.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.faults).toEqual({});
    expect(stats.requests['POST /v1/messages']).toBe(4);
  });

  it('OpenAI: counts down x-ratelimit headers, then answers 429 rate_limit_exceeded with retry-after', async () => {
    await using server = await startTestServer({ rpm: 2 });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
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
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeGreaterThan(55);
    expect(rateLimit.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(server.stats().rateLimited).toBe(1);
  });

  it.each(['anthropic', 'openai'] as const)(
    '%s SDK with its own retries on waits for retry-after-ms and then succeeds',
    async (provider) => {
      await using server = await startTestServer({ rpm: 2, rateLimitWindowMs: 700 });
      const send =
        provider === 'anthropic'
          ? () =>
              new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 3 }).messages.create(
                anthropicRequest,
              )
          : () =>
              new OpenAI({
                apiKey: 'k',
                baseURL: server.openaiBaseURL,
                maxRetries: 3,
              }).chat.completions.create(openaiRequest);
      await send();
      await send();
      const started = Date.now();
      await send();
      const waited = Date.now() - started;
      // At least what retry-after asked for; an upper bound would only measure the machine.
      expect(waited).toBeGreaterThanOrEqual(300);
      const stats = server.stats();
      expect(stats.rateLimited).toBeGreaterThanOrEqual(1);
      expect(stats.recordsEmitted).toBe(3);
    },
  );
});

describe('tokens-per-minute limit', () => {
  it('admits requests until input + output tokens reach the limit, then answers 429 for tokens', async () => {
    await using server = await startTestServer({ tpm: 1000 });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const request = {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user' as const, content: 'Write 1 record.' }],
    };
    const first = await client.chat.completions.create(request).withResponse();
    const used = first.data.usage?.total_tokens ?? 0;
    expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
    expect(Number(first.response.headers.get('x-ratelimit-remaining-tokens'))).toBe(1000 - used);
    let error: unknown;
    for (let attempt = 0; attempt < 30 && !error; attempt += 1) {
      error = await client.chat.completions.create(request).then(
        () => undefined,
        (caught: unknown) => caught,
      );
    }
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).type).toBe('tokens');
    expect(server.stats().rateLimited).toBe(1);
  });
});
