import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { normalizeProviderError } from '../errors/normalize-provider-error.js';
import { startRequestDeadline } from './request-deadline.js';

/** What a model hands to `callWithDeadline`: its client, time limit and error context. */
export interface DeadlineCallRuntime<Client> {
  client(): Client;
  timeoutMs: number;
  errorContext(): ErrorContext;
}

/**
 * Runs one SDK call under the request's own deadline (which also covers reading the body) and the
 * caller's signal, and turns anything it throws into a ProviderError (`timeout` when the deadline
 * fired, `aborted` when the caller cancelled). Shared by every adapter and by the batch APIs.
 */
export async function callWithDeadline<Client, T>(
  runtime: DeadlineCallRuntime<Client>,
  modelId: string,
  userSignal: AbortSignal | undefined,
  run: (client: Client, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const client = runtime.client();
  const deadline = startRequestDeadline(runtime.timeoutMs, userSignal);
  try {
    return await run(client, deadline.signal);
  } catch (error) {
    throw normalizeProviderError(error, {
      ...runtime.errorContext(),
      modelId,
      timedOut: deadline.timedOut(),
      userAborted: deadline.userAborted(),
    });
  } finally {
    deadline.dispose();
  }
}
