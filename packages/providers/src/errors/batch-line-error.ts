import type { ProviderError } from '../spec/provider-error.js';
import { type ErrorContext, normalizeProviderError } from './normalize-provider-error.js';

/** HTTP status of each Anthropic error type, for errored batch lines (which carry no status). */
const anthropicStatusOfType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** HTTP status of each OpenAI error code, for error-file lines that carry no response. */
const openAIStatusOfCode: Record<string, number> = {
  server_error: 500,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  timeout: 504,
};

/** An object shaped like an SDK `APIError`, so a batch line's error is normalised like an online one. */
function apiErrorLike(status: number, body: Record<string, unknown>, message: string): Error {
  const inner = (body.error ?? body) as Record<string, unknown>;
  return Object.assign(new Error(message), {
    status,
    error: body,
    ...(typeof inner.code === 'string' && { code: inner.code }),
  });
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The error of an `errored` Anthropic batch result (`{ type: 'error', error: { type, message } }`). */
export function anthropicBatchLineError(error: unknown, context: ErrorContext): ProviderError {
  const body = recordOf(error);
  const inner = recordOf(body.error);
  const type = typeof inner.type === 'string' ? inner.type : '';
  const message = typeof inner.message === 'string' ? inner.message : 'the request failed';
  return normalizeProviderError(apiErrorLike(anthropicStatusOfType[type] ?? 500, body, message), context);
}

/**
 * The error of a failed OpenAI batch line: a non-200 `response` (`{ status_code, body }`) or an
 * `error` (`{ code, message }`) without one.
 */
export function openAIBatchLineError(
  line: { response?: unknown; error?: unknown },
  context: ErrorContext,
): ProviderError {
  const response = recordOf(line.response);
  if (typeof response.status_code === 'number') {
    const body = recordOf(response.body);
    const inner = recordOf(body.error ?? body);
    const message = typeof inner.message === 'string' ? inner.message : 'the request failed';
    return normalizeProviderError(apiErrorLike(response.status_code, { error: inner }, message), context);
  }
  const error = recordOf(line.error);
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : 'the request failed';
  return normalizeProviderError(
    apiErrorLike(openAIStatusOfCode[code] ?? 400, { error: { code, message } }, message),
    context,
  );
}
