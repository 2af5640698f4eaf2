import type { ProviderError } from '../spec/provider-error.js';
import { normalizeProviderError } from './normalize-provider-error.js';

/**
 * Normalises anything thrown (SDK `APIError` subclasses, connection and timeout errors, aborts,
 * fetch network failures, unknown values) into a {@link ProviderError} with kind, retryable,
 * retryAfterMs and status. A `ProviderError` is returned unchanged.
 */
export function toProviderError(cause: unknown, context?: { provider?: string }): ProviderError {
  return normalizeProviderError(cause, { provider: context?.provider });
}
