import type { IncomingMessage } from 'node:http';
import { type ErrorResponse, type Provider, providerError } from './provider-errors.js';

/** Key that is always refused with 401, so tests can exercise authentication errors. */
export const invalidApiKey = 'invalid-key';
/** Key that is always refused with 403 (permission denied). */
export const forbiddenApiKey = 'forbidden-key';

/**
 * Checks the request's API key the way the provider expects it (Anthropic `x-api-key` or a bearer
 * token; OpenAI `Authorization: Bearer`). Any non-empty key passes except the two test keys above.
 * The key itself never appears in an answer.
 */
export function checkApiKey(provider: Provider, request: IncomingMessage): ErrorResponse | undefined {
  const header = request.headers['x-api-key'];
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  const key =
    provider === 'anthropic' ? (typeof header === 'string' && header.length > 0 ? header : bearer) : bearer;
  if (!key) {
    return providerError(
      provider,
      'authentication',
      provider === 'anthropic'
        ? 'x-api-key header is required'
        : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
    );
  }
  if (key === invalidApiKey) return providerError(provider, 'authentication');
  if (key === forbiddenApiKey) return providerError(provider, 'permission');
  return undefined;
}
