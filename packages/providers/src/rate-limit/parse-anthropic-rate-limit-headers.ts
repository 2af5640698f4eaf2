import type { RateLimitSnapshot } from '../spec/generate-result.js';
import { combineReset } from './combine-reset.js';
import { compactSnapshot } from './compact-snapshot.js';
import type { HeaderSource } from './header-source.js';
import { readNumberHeader } from './read-number-header.js';

function resetFromTimestamp(headers: HeaderSource, name: string, now: number): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Reads `anthropic-ratelimit-*` headers (resets are RFC 3339 timestamps). Token figures come from
 * `tokens-*` (the most restrictive limit in effect), else from `input-tokens-*`. Undefined when
 * no such header is present.
 */
export function parseAnthropicRateLimitHeaders(
  headers: HeaderSource,
  now: number = Date.now(),
): RateLimitSnapshot | undefined {
  const prefix = 'anthropic-ratelimit-';
  const read = (name: string) => readNumberHeader(headers, prefix + name);
  const requestsLimit = read('requests-limit');
  const requestsRemaining = read('requests-remaining');
  const tokensLimit = read('tokens-limit') ?? read('input-tokens-limit');
  const tokensRemaining = read('tokens-remaining') ?? read('input-tokens-remaining');
  const resetMs = combineReset([
    { remaining: requestsRemaining, resetMs: resetFromTimestamp(headers, `${prefix}requests-reset`, now) },
    { remaining: tokensRemaining, resetMs: resetFromTimestamp(headers, `${prefix}tokens-reset`, now) },
    {
      remaining: read('input-tokens-remaining'),
      resetMs: resetFromTimestamp(headers, `${prefix}input-tokens-reset`, now),
    },
    {
      remaining: read('output-tokens-remaining'),
      resetMs: resetFromTimestamp(headers, `${prefix}output-tokens-reset`, now),
    },
  ]);
  return compactSnapshot({ requestsLimit, requestsRemaining, tokensLimit, tokensRemaining, resetMs });
}
