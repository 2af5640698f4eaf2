import type { RateLimitSnapshot } from '../spec/generate-result.js';
import { combineReset } from './combine-reset.js';
import { compactSnapshot } from './compact-snapshot.js';
import type { HeaderSource } from './header-source.js';
import { parseDurationMs } from './parse-duration.js';
import { readNumberHeader } from './read-number-header.js';

/**
 * Reads `x-ratelimit-*` headers as OpenAI (and most compatible servers) send them; resets are
 * durations like `'1s'`, `'6m0s'`, `'250ms'`. Undefined when no such header is present.
 */
export function parseOpenAIRateLimitHeaders(headers: HeaderSource): RateLimitSnapshot | undefined {
  const requestsLimit = readNumberHeader(headers, 'x-ratelimit-limit-requests');
  const requestsRemaining = readNumberHeader(headers, 'x-ratelimit-remaining-requests');
  const tokensLimit = readNumberHeader(headers, 'x-ratelimit-limit-tokens');
  const tokensRemaining = readNumberHeader(headers, 'x-ratelimit-remaining-tokens');
  const resetMs = combineReset([
    { remaining: requestsRemaining, resetMs: parseDurationMs(headers.get('x-ratelimit-reset-requests')) },
    { remaining: tokensRemaining, resetMs: parseDurationMs(headers.get('x-ratelimit-reset-tokens')) },
  ]);
  return compactSnapshot({ requestsLimit, requestsRemaining, tokensLimit, tokensRemaining, resetMs });
}
