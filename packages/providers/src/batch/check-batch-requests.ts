import type { BatchLimits, BatchRequest } from '../spec/batch-capability.js';
import { ProviderError } from '../spec/provider-error.js';

const customIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Refuses a batch the provider would refuse: empty, over the request or byte limit, or with a
 * custom id that is malformed or repeated. `sizes` are the serialised bytes of each request.
 */
export function checkBatchRequests(
  requests: readonly BatchRequest[],
  sizes: readonly number[],
  limits: BatchLimits,
  provider: string,
): void {
  const fail = (message: string) => {
    throw new ProviderError({ kind: 'invalid_request', message, provider });
  };
  if (requests.length === 0) fail('A batch needs at least one request.');
  if (requests.length > limits.maxRequests) {
    fail(
      `A batch holds at most ${limits.maxRequests} requests, got ${requests.length}: split it into several batches.`,
    );
  }
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  if (bytes > limits.maxBytes) {
    fail(
      `A batch holds at most ${limits.maxBytes} bytes of requests, got ${bytes}: split it into several batches.`,
    );
  }
  const seen = new Set<string>();
  for (const { customId } of requests) {
    if (!customIdPattern.test(customId)) {
      fail(`Batch custom id '${customId.slice(0, 80)}' must be 1–64 characters of A–Z, a–z, 0–9, _ or -.`);
    }
    if (seen.has(customId)) fail(`Batch custom id '${customId}' is used twice; each must be unique.`);
    seen.add(customId);
  }
}
