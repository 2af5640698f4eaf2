/** The per-request options every call to an official SDK carries. */
export interface SdkRequestOptions {
  signal: AbortSignal;
  timeout: number;
  maxRetries: 0;
}

/**
 * The per-request options every call to an official SDK carries: the caller's deadline signal,
 * the model's timeout, and no SDK retries (retrying is the caller's policy).
 */
export function sdkRequestOptions(signal: AbortSignal, timeoutMs: number): SdkRequestOptions {
  return { signal, timeout: timeoutMs, maxRetries: 0 };
}
