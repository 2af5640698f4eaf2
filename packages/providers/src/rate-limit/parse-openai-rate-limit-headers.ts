import type { RateLimitSnapshot } from '../spec/generate-result.js';
import { combineReset } from './combine-reset.js';
import { compactReadings } from './compact-reading.js';
import { compactSnapshot } from './compact-snapshot.js';
import type { HeaderSource } from './header-source.js';
import { parseDurationMs } from './parse-duration.js';
import { readNumberHeader } from './read-number-header.js';

/**
 * Reads `x-ratelimit-*` headers as OpenAI (and most compatible servers) send them:
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, resets being durations like `'1s'`,
 * `'6m0s'`, `'250ms'` meaning "the time until the rate limit resets to its initial state"
 * (platform.openai.com/docs/guides/rate-limits, "Rate limits in headers", as mirrored 2026-06-26,
 * read 2026-12-06). Undefined when no such header is present.
 */
export function parseOpenAIRateLimitHeaders(headers: HeaderSource): RateLimitSnapshot | undefined {
  const read = (kind: 'requests' | 'tokens') => ({
    limit: readNumberHeader(headers, `x-ratelimit-limit-${kind}`),
    remaining: readNumberHeader(headers, `x-ratelimit-remaining-${kind}`),
    resetMs: parseDurationMs(headers.get(`x-ratelimit-reset-${kind}`)),
  });
  const requests = read('requests');
  const tokens = read('tokens');
  return compactSnapshot({
    requestsLimit: requests.limit,
    requestsRemaining: requests.remaining,
    tokensLimit: tokens.limit,
    tokensRemaining: tokens.remaining,
    resetMs: combineReset([requests, tokens]),
    limits: compactReadings({ requests, tokens, inputTokens: {}, outputTokens: {} }),
  });
}
