import * as AnthropicSdk from '@anthropic-ai/sdk';
import * as OpenAISdk from 'openai';
import type { HeaderSource } from '../rate-limit/header-source.js';
import { parseAnthropicRateLimitHeaders } from '../rate-limit/parse-anthropic-rate-limit-headers.js';
import { parseOpenAIRateLimitHeaders } from '../rate-limit/parse-openai-rate-limit-headers.js';
import { parseRetryAfterMs } from '../rate-limit/parse-retry-after.js';
import { ProviderError, type ProviderErrorKind } from '../spec/provider-error.js';
import { capitalize, providerLabel } from './provider-label.js';
import { describeURL, redactSecrets } from './redact-secrets.js';

/** What an adapter knows about the failed call, to classify and explain it. */
export interface ErrorContext {
  /** Provider family. */
  provider?: string;
  /** Environment variable holding the key, named in auth messages. */
  apiKeyEnv?: string;
  /** Strings that must never appear in the message (the API key). */
  secrets?: readonly string[];
  /** Model id, named in some messages. */
  modelId?: string;
  /** Base URL, named (without credentials) in network messages. */
  baseURL?: string;
  /** The request time limit, named in timeout messages. */
  timeoutMs?: number;
  /** The caller's signal fired. */
  userAborted?: boolean;
  /** The adapter's own deadline fired. */
  timedOut?: boolean;
}

interface ApiErrorFacts {
  status: number;
  headers: HeaderSource | undefined;
  reason: string;
  code: string | undefined;
  type: string | undefined;
  requestId: string | undefined;
}

const quotaCodes = new Set([
  'insufficient_quota',
  'billing_hard_limit_reached',
  'billing_not_active',
  'contract_spend_limit_reached',
  'enforced_spend_limit_reached',
  'linked_organization_spend_limit_reached',
  'linked_organization_billing_unavailable',
]);
const quotaText =
  /quota|credit balance|billing|spend(?:ing)? limit|usage limit|insufficient[ _]?balance|out of credit|arrearage/i;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const field = record(value)?.[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function isHeaderSource(value: unknown): value is HeaderSource {
  return typeof record(value)?.get === 'function';
}

function isApiErrorLike(value: unknown): value is Error & Record<string, unknown> {
  return (
    (value instanceof AnthropicSdk.APIError ||
      value instanceof OpenAISdk.APIError ||
      value instanceof Error) &&
    typeof (value as unknown as Record<string, unknown>).status === 'number'
  );
}

function errorName(value: unknown): string {
  if (!(value instanceof Error)) return '';
  return value.constructor?.name && value.constructor.name !== 'Error' ? value.constructor.name : value.name;
}

/** The error classes both official SDKs define under the same name. */
const sdkErrorClasses = {
  APIUserAbortError: [AnthropicSdk.APIUserAbortError, OpenAISdk.APIUserAbortError],
  APIConnectionTimeoutError: [AnthropicSdk.APIConnectionTimeoutError, OpenAISdk.APIConnectionTimeoutError],
  APIConnectionError: [AnthropicSdk.APIConnectionError, OpenAISdk.APIConnectionError],
} as const;

/** An error of this class from either official SDK, or one that carries its name. */
function isSdkError(value: unknown, className: keyof typeof sdkErrorClasses): boolean {
  return (
    sdkErrorClasses[className].some((errorClass) => value instanceof errorClass) ||
    errorName(value) === className
  );
}

function isUserAbortError(value: unknown): boolean {
  return (
    isSdkError(value, 'APIUserAbortError') ||
    errorName(value) === 'AbortError' ||
    (value instanceof Error && value.name === 'AbortError')
  );
}

function isConnectionTimeoutError(value: unknown): boolean {
  return (
    isSdkError(value, 'APIConnectionTimeoutError') ||
    (value instanceof Error && value.name === 'TimeoutError')
  );
}

function isConnectionError(value: unknown): boolean {
  return isSdkError(value, 'APIConnectionError');
}

/** The first system error code (`ECONNREFUSED`, `UND_ERR_SOCKET`…) along the cause chain. */
function systemErrorCode(value: unknown): string | undefined {
  let current: unknown = value;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = stringField(current, 'code');
    if (code && /^(?:E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = record(current)?.cause;
  }
  return undefined;
}

function isNetworkFailure(value: unknown): boolean {
  if (systemErrorCode(value) !== undefined) return true;
  if (!(value instanceof Error)) return false;
  return /fetch failed|terminated|socket hang up|network|other side closed/i.test(value.message);
}

function apiErrorFacts(error: Record<string, unknown>): ApiErrorFacts {
  const status = error.status as number;
  const headers = isHeaderSource(error.headers) ? error.headers : undefined;
  const body = record(error.error);
  // Anthropic keeps the whole body ({type, error: {type, message}}); OpenAI keeps the inner object.
  const inner = record(body?.error) ?? body;
  const details = record(inner?.details);
  const reason =
    stringField(error, 'apiMessage') ??
    stringField(inner, 'message') ??
    (typeof error.message === 'string' ? error.message.replace(/^\d{3}\s+/, '') : '');
  const code =
    stringField(error, 'errorCode') ?? stringField(details, 'error_code') ?? stringField(error, 'code');
  const type = stringField(inner, 'type') ?? stringField(error, 'type');
  const requestId =
    stringField(error, 'requestID') ??
    headers?.get('request-id') ??
    headers?.get('x-request-id') ??
    undefined;
  return { status, headers, reason, code, type, requestId };
}

function isQuota(facts: ApiErrorFacts): boolean {
  if (facts.code && quotaCodes.has(facts.code)) return true;
  if (facts.type === 'billing_error' || facts.type === 'insufficient_quota') return true;
  return quotaText.test(facts.reason);
}

function kindForStatus(facts: ApiErrorFacts): ProviderErrorKind {
  const { status } = facts;
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota';
  if (status === 429) return isQuota(facts) ? 'quota' : 'rate_limit';
  if (status === 400 && isQuota(facts)) return 'quota';
  if (status === 408) return 'timeout';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 409 || status >= 500) return 'server';
  return 'invalid_request';
}

function withReason(text: string, reason: string): string {
  const trimmed = reason.replace(/[\s.]+$/, '');
  return trimmed ? `${text}: ${trimmed}` : text;
}

function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

/** The innermost message along the cause chain (undici hides the useful one under "fetch failed"). */
function innermostMessage(value: unknown): string {
  let message = value instanceof Error ? value.message : String(value);
  let current: unknown = value instanceof Error ? value.cause : undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}

function keyHint(context: ErrorContext): string {
  return context.apiKeyEnv
    ? `Check ${context.apiKeyEnv} (or the apiKey setting)`
    : 'Check the apiKey setting';
}

function retryAfterFor(kind: ProviderErrorKind, facts: ApiErrorFacts, provider: string | undefined) {
  if (kind !== 'rate_limit' && kind !== 'overloaded' && kind !== 'server' && kind !== 'timeout')
    return undefined;
  const fromHeader = parseRetryAfterMs(facts.headers);
  if (fromHeader !== undefined || kind !== 'rate_limit' || !facts.headers) return fromHeader;
  const snapshot =
    provider === 'anthropic'
      ? parseAnthropicRateLimitHeaders(facts.headers)
      : parseOpenAIRateLimitHeaders(facts.headers);
  return snapshot?.resetMs;
}

function fromApiError(error: Record<string, unknown>, context: ErrorContext): ProviderError {
  const facts = apiErrorFacts(error);
  const kind = kindForStatus(facts);
  const label = providerLabel(context.provider);
  const Label = capitalize(label);
  const reason = redactSecrets(facts.reason, context.secrets);
  const retryAfterMs = retryAfterFor(kind, facts, context.provider);
  const model = context.modelId ? ` '${context.modelId}'` : '';
  const status = facts.status;
  let message: string;
  switch (kind) {
    case 'auth':
      message =
        status === 401
          ? `${withReason(`${Label} rejected the API key (401)`, reason)}. ${keyHint(context)}.`
          : `${withReason(`${Label} denied access (403)`, reason)}. ${keyHint(context)} and that the key may use model${model}.`;
      break;
    case 'quota':
      message = `${withReason(`${Label} quota, credit or spend limit is exhausted (${status})`, reason)}. Add credit or raise the limit in the provider console, then resume; retrying will not help.`;
      break;
    case 'rate_limit':
      message = `${withReason(`${Label} rate limit reached (429)`, reason)}. Retry${retryAfterMs !== undefined ? ` after ${formatDuration(retryAfterMs)}` : ' later'} or lower the concurrency.`;
      break;
    case 'overloaded':
      message = `${withReason(`${Label} is overloaded (${status})`, reason)}. Retry later.`;
      break;
    case 'server':
      message = `${withReason(`${Label} had a server error (${status})`, reason)}. Retry later.`;
      break;
    case 'timeout':
      message = `${withReason(`${Label} timed out the request (${status})`, reason)}. Retry later.`;
      break;
    default:
      message =
        status === 404
          ? `${withReason(`${Label} could not find what was asked for (404)`, reason)}. Check the model id${model} and the base URL.`
          : `${withReason(`${Label} rejected the request (${status})`, reason)}. Check the model id${model} and the request parameters.`;
  }
  return new ProviderError({
    kind,
    message,
    status,
    provider: context.provider,
    requestId: facts.requestId,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * Turns anything an adapter caught into a {@link ProviderError}, copying only safe fields: the SDK
 * error (with its headers) is never attached, and the message is redacted of the given secrets.
 */
export function normalizeProviderError(cause: unknown, context: ErrorContext = {}): ProviderError {
  if (ProviderError.isInstance(cause)) return cause;
  const provider = context.provider;
  const label = providerLabel(provider);
  const Label = capitalize(label);
  const secrets = context.secrets;

  if (context.timedOut || isConnectionTimeoutError(cause)) {
    const limit = context.timeoutMs !== undefined ? ` after ${formatDuration(context.timeoutMs)}` : '';
    return new ProviderError({
      kind: 'timeout',
      message: `${Label} did not answer${limit}. Retry, or raise timeoutMs if answers are long.`,
      provider,
    });
  }
  if (context.userAborted || isUserAbortError(cause)) {
    return new ProviderError({ kind: 'aborted', message: `The request to ${label} was aborted.`, provider });
  }
  if (isApiErrorLike(cause)) return fromApiError(cause as Record<string, unknown>, context);

  const rawMessage = cause instanceof Error ? cause.message : String(cause);
  if (isConnectionError(cause) || isNetworkFailure(cause)) {
    const code = systemErrorCode(cause);
    const where = describeURL(context.baseURL);
    const inner = innermostMessage(cause);
    const detail = code && !inner.includes(code) ? `${code}: ${inner}` : inner;
    const reason = redactSecrets(detail === 'Connection error.' ? '' : detail, secrets);
    return new ProviderError({
      kind: 'network',
      message: `${withReason(`Could not reach ${label}${where ? ` at ${where}` : ''}`, reason)}. Check the network connection and the base URL.`,
      provider,
    });
  }
  if (cause instanceof SyntaxError) {
    return new ProviderError({
      kind: 'server',
      message: `${withReason(`${Label} sent a response that is not valid JSON`, redactSecrets(rawMessage, secrets))}. Retry later.`,
      provider,
    });
  }
  return new ProviderError({
    kind: 'invalid_request',
    message: `${withReason(`Unexpected error calling ${label}`, redactSecrets(rawMessage, secrets))}.`,
    provider,
  });
}
