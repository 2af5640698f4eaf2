import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { normalizeProviderError } from '../errors/normalize-provider-error.js';
import { startRequestDeadline } from './request-deadline.js';
import { type SdkRequestOptions, sdkRequestOptions } from './sdk-request-options.js';

/** What a model hands to `callWithDeadline`: its client, time limit and error context. */
export interface DeadlineCallRuntime<Client> {
  client(): Client;
  timeoutMs: number;
  errorContext(): ErrorContext;
}

/**
 * One SDK call of a model: `run` gets the client and the per-request options (deadline signal,
 * timeout, no SDK retries) to pass to the SDK method.
 */
export type SdkCall<Client> = <T>(
  userSignal: AbortSignal | undefined,
  run: (client: Client, requestOptions: SdkRequestOptions) => Promise<T>,
) => Promise<T>;

/**
 * Runs one SDK call under the request's own deadline (which also covers reading the body) and the
 * caller's signal, and turns anything it throws into a ProviderError (`timeout` when the deadline
 * fired, `aborted` when the caller cancelled). Shared by every adapter and by the batch APIs.
 */
export async function callWithDeadline<Client, T>(
  runtime: DeadlineCallRuntime<Client>,
  modelId: string,
  userSignal: AbortSignal | undefined,
  run: (client: Client, requestOptions: SdkRequestOptions) => Promise<T>,
): Promise<T> {
  const client = runtime.client();
  const deadline = startRequestDeadline(runtime.timeoutMs, userSignal);
  try {
    return await run(client, sdkRequestOptions(deadline.signal, runtime.timeoutMs));
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

/** `callWithDeadline` bound to one model: what its `generate`, `countTokens` and batch API call. */
export function bindSdkCall<Client>(runtime: DeadlineCallRuntime<Client>, modelId: string): SdkCall<Client> {
  return (userSignal, run) => callWithDeadline(runtime, modelId, userSignal, run);
}
