import { describe, expect, it } from 'vitest';
import { parseAnthropicRateLimitHeaders } from './parse-anthropic-rate-limit-headers.js';
import { parseOpenAIRateLimitHeaders } from './parse-openai-rate-limit-headers.js';
import { parseRetryAfterMs } from './parse-retry-after.js';

const now = Date.parse('2026-11-29T12:00:00Z');

describe('rate-limit header parsing', () => {
  it('reads Anthropic headers with RFC 3339 resets, the exhausted limit deciding the reset', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2026-11-29T12:00:20Z',
      'anthropic-ratelimit-tokens-limit': '80000',
      'anthropic-ratelimit-tokens-remaining': '79000',
      'anthropic-ratelimit-tokens-reset': '2026-11-29T12:00:01Z',
    });
    expect(parseAnthropicRateLimitHeaders(headers, now)).toEqual({
      requestsLimit: 50,
      requestsRemaining: 0,
      tokensLimit: 80000,
      tokensRemaining: 79000,
      resetMs: 20_000,
      limits: {
        requests: { limit: 50, remaining: 0, resetMs: 20_000 },
        tokens: { limit: 80000, remaining: 79000, resetMs: 1000 },
      },
    });
  });

  it('falls back to input-token limits and the soonest reset when nothing is exhausted', () => {
    const headers = new Headers({
      'anthropic-ratelimit-input-tokens-limit': '40000',
      'anthropic-ratelimit-input-tokens-remaining': '39000',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-29T12:00:03Z',
      'anthropic-ratelimit-output-tokens-remaining': '7000',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-29T12:00:09Z',
    });
    expect(parseAnthropicRateLimitHeaders(headers, now)).toEqual({
      tokensLimit: 40000,
      tokensRemaining: 39000,
      resetMs: 3000,
      limits: {
        inputTokens: { limit: 40000, remaining: 39000, resetMs: 3000 },
        outputTokens: { remaining: 7000, resetMs: 9000 },
      },
    });
    expect(
      parseAnthropicRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), now),
    ).toBeUndefined();
  });

  it('reads OpenAI headers with duration resets', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '2000000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseOpenAIRateLimitHeaders(headers)).toEqual({
      requestsLimit: 5000,
      requestsRemaining: 4999,
      tokensLimit: 2_000_000,
      tokensRemaining: 0,
      resetMs: 360_000,
      limits: {
        requests: { limit: 5000, remaining: 4999, resetMs: 12 },
        tokens: { limit: 2_000_000, remaining: 0, resetMs: 360_000 },
      },
    });
  });

  it('keeps each of the four Anthropic limits apart, as a real response sends them all', () => {
    // Header set of a recorded api.anthropic.com response (2025-08-21), times shifted to `now`.
    const headers = new Headers({
      'anthropic-ratelimit-input-tokens-limit': '80000',
      'anthropic-ratelimit-input-tokens-remaining': '80000',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-29T12:00:00Z',
      'anthropic-ratelimit-output-tokens-limit': '16000',
      'anthropic-ratelimit-output-tokens-remaining': '15000',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-29T12:00:04Z',
      'anthropic-ratelimit-requests-limit': '1000',
      'anthropic-ratelimit-requests-remaining': '999',
      'anthropic-ratelimit-requests-reset': '2026-11-29T12:00:01Z',
      'anthropic-ratelimit-tokens-limit': '96000',
      'anthropic-ratelimit-tokens-remaining': '95000',
      'anthropic-ratelimit-tokens-reset': '2026-11-29T12:00:04Z',
    });
    expect(parseAnthropicRateLimitHeaders(headers, now)?.limits).toEqual({
      requests: { limit: 1000, remaining: 999, resetMs: 1000 },
      tokens: { limit: 96000, remaining: 95000, resetMs: 4000 },
      inputTokens: { limit: 80000, remaining: 80000, resetMs: 0 },
      outputTokens: { limit: 16000, remaining: 15000, resetMs: 4000 },
    });
  });

  it('reads retry-after-ms, retry-after seconds and retry-after HTTP dates', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Sun, 29 Nov 2026 12:00:30 GMT' }), now)).toBe(
      30_000,
    );
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'later' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
