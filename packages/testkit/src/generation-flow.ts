import { checkApiKey } from './api-key-check.js';
import { drawFault } from './fault-draw.js';
import { type HttpExchange, parseJson, readBody, sendJson, sleep, untilAborted } from './http-exchange.js';
import { type ErrorResponse, type Provider, providerError } from './provider-errors.js';
import type { LimitState } from './rate-limit-window.js';
import type { ContentOutcome, GeneratedAnswer, StructuredMode } from './record-engine.js';
import type { SeededRandom } from './seeded-random.js';
import type { ServerContext } from './server-context.js';
import type { UsageCounts } from './stats-recorder.js';

/** Retry delay advertised by the random `rateLimit` fault. */
const faultRetryAfterMs = 250;

/** A validated generation request, ready to be answered. */
export interface PreparedGeneration {
  mode: StructuredMode;
  /** Total input tokens (for the tpm limit). */
  inputTokens: number;
  /** Generates the response body for an outcome. */
  respond(
    outcome: ContentOutcome,
    random: SeededRandom,
  ): { body: unknown; answer: GeneratedAnswer; usage: UsageCounts };
}

/** Provider-specific parts of a generation route. */
export interface GenerationRoute {
  provider: Provider;
  prepare(body: unknown): PreparedGeneration | ErrorResponse;
}

function isErrorResponse(value: PreparedGeneration | ErrorResponse): value is ErrorResponse {
  return 'status' in value;
}

/**
 * Serves one generation request end to end: API key, body validation, rpm/tpm limits, a drawn
 * fault, latency, then the answer. Stats and the duplicate pool only count what was sent.
 */
export async function serveGeneration(
  exchange: HttpExchange,
  context: ServerContext,
  route: GenerationRoute,
): Promise<void> {
  const { provider } = route;
  const requestId = context.ids.next(provider === 'anthropic' ? 'req_testkit_' : 'req_testkit');
  const baseHeaders: Record<string, string> =
    provider === 'anthropic'
      ? { 'request-id': requestId }
      : { 'x-request-id': requestId, 'openai-processing-ms': '1' };
  const fail = (error: ErrorResponse, headers: Record<string, string> = {}) =>
    sendJson(exchange, error.status, error.body, { ...baseHeaders, ...headers });

  const authError = checkApiKey(provider, exchange.request);
  const body = await readBody(exchange.request);
  if (authError) return void fail(authError);
  const parsed = parseJson(body);
  if (parsed === undefined)
    return void fail(providerError(provider, 'invalid_request', 'Request body is not valid JSON.'));
  const prepared = route.prepare(parsed);
  if (isErrorResponse(prepared)) return void fail(prepared);
  context.stats.structured(prepared.mode);

  const random = context.engine.requestRandom();
  const limits = context.limits;
  const now = Date.now();
  const decision = limits.check(now, prepared.inputTokens);
  if (!decision.allowed) {
    context.stats.rateLimited();
    const error = providerError(
      provider,
      'rate_limit',
      undefined,
      provider === 'openai' ? { openaiType: decision.limit } : {},
    );
    // Token-bucket mode plays the documented 429: Anthropic's errors page says to wait the seconds of
    // its `retry-after` header (as restated at developersdigest.tech/errors/api/anthropic-api/
    // 429-rate-limit-error, read 2026-12-06) and names no `retry-after-ms`, so whole seconds alone.
    const secondsOnly = provider === 'anthropic' && context.options.tokenBucket !== undefined;
    return void fail(error, {
      ...retryAfterHeaders(decision.retryAfterMs, secondsOnly),
      ...limitHeaders(provider, limits.state(now)),
    });
  }
  const admitted = limits.admit(now, prepared.inputTokens);
  const limitState = () => (limits.active ? limitHeaders(provider, limits.state(Date.now())) : {});

  const fault = drawFault(context.options.faults, random);
  const latency = (context.options.latencyMs ?? 0) + random.next() * (context.options.jitterMs ?? 0);
  if (fault === 'hang') {
    context.stats.fault('hang');
    await untilAborted(exchange.signal);
    return;
  }
  const outcome: ContentOutcome =
    fault === 'truncate' || fault === 'malformed' || fault === 'empty' || fault === 'refusal'
      ? fault === 'truncate'
        ? 'truncated'
        : fault
      : 'complete';
  const generated =
    fault === undefined || outcome !== 'complete' ? prepared.respond(outcome, random) : undefined;
  if (generated) admitted.addTokens(generated.usage.output);
  await sleep(latency, exchange.signal);
  if (exchange.signal.aborted) return;

  switch (fault) {
    case 'rateLimit':
      context.stats.fault(fault);
      return void fail(providerError(provider, 'rate_limit'), {
        ...retryAfterHeaders(faultRetryAfterMs),
        ...limitState(),
      });
    case 'quota':
      context.stats.fault(fault);
      return void fail(providerError(provider, 'quota'), limitState());
    case 'server':
      context.stats.fault(fault);
      return void fail(providerError(provider, 'server'), limitState());
    case 'overloaded':
      context.stats.fault(fault);
      return void fail(providerError(provider, 'overloaded'), limitState());
    case 'reset':
      context.stats.fault(fault);
      exchange.request.socket.resetAndDestroy();
      return;
    default:
      break;
  }
  if (!generated) return;
  const sent = sendJson(exchange, 200, generated.body, { ...baseHeaders, ...limitState() });
  if (!sent) return;
  if (fault) context.stats.fault(fault);
  context.engine.commit(generated.answer);
  context.stats.delivered(generated.usage, generated.answer.delivered, requestId);
}

function retryAfterHeaders(ms: number, secondsOnly = false): Record<string, string> {
  const seconds = String(Math.max(1, Math.ceil(ms / 1000)));
  return secondsOnly
    ? { 'retry-after': seconds }
    : { 'retry-after': seconds, 'retry-after-ms': String(Math.ceil(ms)) };
}

/** Rate-limit headers in the provider's naming. */
export function limitHeaders(
  provider: Provider,
  state: { requests?: LimitState; tokens?: LimitState },
): Record<string, string> {
  const headers: Record<string, string> = {};
  const now = Date.now();
  for (const [name, limit] of [
    ['requests', state.requests],
    ['tokens', state.tokens],
  ] as const) {
    if (!limit) continue;
    if (provider === 'anthropic') {
      headers[`anthropic-ratelimit-${name}-limit`] = String(limit.limit);
      headers[`anthropic-ratelimit-${name}-remaining`] = String(limit.remaining);
      headers[`anthropic-ratelimit-${name}-reset`] = new Date(Math.ceil((now + limit.resetMs) / 1000) * 1000)
        .toISOString()
        .replace('.000Z', 'Z');
    } else {
      headers[`x-ratelimit-limit-${name}`] = String(limit.limit);
      headers[`x-ratelimit-remaining-${name}`] = String(limit.remaining);
      headers[`x-ratelimit-reset-${name}`] = openaiDuration(limit.resetMs);
    }
  }
  return headers;
}

/** OpenAI's duration notation: `'17ms'`, `'1s'`, `'1.5s'`, `'6m0s'`. */
export function openaiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 1000) / 1000;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
