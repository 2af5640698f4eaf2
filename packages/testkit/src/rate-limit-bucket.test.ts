import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { RateLimitBucket } from './rate-limit-bucket.js';
import { startTestServer } from './test-server.js';
import { anthropicRequest, openaiRequest } from './testing/one-record-requests.js';

describe('RateLimitBucket', () => {
  it('holds burstSeconds of the rate, refills continuously, and says when it is full again', () => {
    const bucket = new RateLimitBucket({ requestsPerMinute: 300, burstSeconds: 6 }, 0);
    for (let i = 0; i < 30; i++) {
      expect(bucket.check(0, 10)).toEqual({ allowed: true });
      bucket.admit(0, 10);
    }
    expect(bucket.check(0, 10)).toEqual({ allowed: false, retryAfterMs: 200, limit: 'requests' });
    expect(bucket.state(0).requests).toEqual({ limit: 300, remaining: 0, resetMs: 6_000 });
    // 1 s later five have dripped back in; a long wait never holds more than the 30.
    expect(bucket.state(1_000).requests).toEqual({ limit: 300, remaining: 5, resetMs: 5_000 });
    expect(bucket.state(3_600_000).requests).toEqual({ limit: 300, remaining: 30, resetMs: 0 });
  });

  it('admits a request while its input tokens fit; output tokens leave when generated', () => {
    const bucket = new RateLimitBucket({ tokensPerMinute: 60_000, burstSeconds: 1 }, 0);
    expect(bucket.check(0, 600)).toEqual({ allowed: true });
    bucket.admit(0, 600);
    expect(bucket.state(0).tokens?.remaining).toBe(400);
    expect(bucket.check(0, 600)).toEqual({ allowed: false, retryAfterMs: 200, limit: 'tokens' });
  });
});

describe('token-bucket limits over HTTP', () => {
  // 1 a minute holding 300 s: a 5-request burst, then one every 60 s (no refill during the test,
  // however slowly the machine sends its six requests).
  const tokenBucket = { requestsPerMinute: 1, burstSeconds: 300 };

  it('Anthropic: remaining counts the burst down, reset is when the bucket is full, then 429 with retry-after', async () => {
    await using server = await startTestServer({ tokenBucket });
    const client = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const remaining: string[] = [];
    let lastReset = 0;
    for (let index = 0; index < 5; index += 1) {
      const { response } = await client.messages.create(anthropicRequest).withResponse();
      expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('1');
      remaining.push(response.headers.get('anthropic-ratelimit-requests-remaining') ?? '');
      lastReset = Date.parse(response.headers.get('anthropic-ratelimit-requests-reset') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    // Empty: full again after 5 refills of 60 s each (RFC 3339, whole seconds).
    expect(lastReset - Date.now()).toBeGreaterThan(240_000);
    expect(lastReset - Date.now()).toBeLessThanOrEqual(301_000);
    const error = await client.messages.create(anthropicRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const rateLimit = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rateLimit.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    // One request drips back in within 60 s.
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(rateLimit.headers?.get('retry-after-ms')).toBeNull();
    expect(rateLimit.headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(server.stats().rateLimited).toBe(1);
  });

  it('OpenAI: x-ratelimit headers count the burst down with a duration reset, then 429 rate_limit_exceeded', async () => {
    await using server = await startTestServer({ tokenBucket });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const remaining: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const { response } = await client.chat.completions.create(openaiRequest).withResponse();
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('1');
      expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?[\d.]+s$/);
      remaining.push(response.headers.get('x-ratelimit-remaining-requests') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const error = await client.chat.completions.create(openaiRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(Number(rateLimit.headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(server.stats().rateLimited).toBe(1);
  });

  it('with limitHeaders false sends no rate-limit headers, only the 429', async () => {
    await using server = await startTestServer({ tokenBucket: { ...tokenBucket, limitHeaders: false } });
    const client = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    for (let index = 0; index < 5; index += 1) {
      const { response } = await client.chat.completions.create(openaiRequest).withResponse();
      expect([...response.headers.keys()].filter((name) => name.includes('ratelimit'))).toEqual([]);
    }
    const error = await client.chat.completions.create(openaiRequest).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(Number(headers?.get('retry-after'))).toBeGreaterThan(0);
    expect([...(headers?.keys() ?? [])].filter((name) => name.includes('ratelimit'))).toEqual([]);
  });
});
