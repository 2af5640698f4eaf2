import type { RateLimitSnapshot } from '../spec/generate-result.js';
import { combineReset } from './combine-reset.js';
import { compactReadings } from './compact-reading.js';
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
 * Reads `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`
 * (resets are RFC 3339 times when the limit is fully replenished; `tokens-*` is input plus output,
 * the others are the separate per-minute input and output limits). Source: "Rate limits" at
 * platform.claude.com/docs/en/api/rate-limits, as restated in docs.aws.amazon.com/claude-platform/
 * latest/userguide/rate-limits.html (read 2026-12-06). The flat figures keep the most restrictive
 * token limit: `tokens-*`, else `input-tokens-*`. Undefined when no such header is present.
 */
export function parseAnthropicRateLimitHeaders(
  headers: HeaderSource,
  now: number = Date.now(),
): RateLimitSnapshot | undefined {
  const read = (kind: 'requests' | 'tokens' | 'input-tokens' | 'output-tokens') => {
    const prefix = `anthropic-ratelimit-${kind}-`;
    return {
      limit: readNumberHeader(headers, `${prefix}limit`),
      remaining: readNumberHeader(headers, `${prefix}remaining`),
      resetMs: resetFromTimestamp(headers, `${prefix}reset`, now),
    };
  };
  const requests = read('requests');
  const tokens = read('tokens');
  const inputTokens = read('input-tokens');
  const outputTokens = read('output-tokens');
  return compactSnapshot({
    requestsLimit: requests.limit,
    requestsRemaining: requests.remaining,
    tokensLimit: tokens.limit ?? inputTokens.limit,
    tokensRemaining: tokens.remaining ?? inputTokens.remaining,
    resetMs: combineReset([requests, tokens, inputTokens, outputTokens]),
    limits: compactReadings({ requests, tokens, inputTokens, outputTokens }),
  });
}
