/** One request's abort signal: the caller's signal combined with the adapter's time limit. */
export interface RequestDeadline {
  /** Pass to the SDK call. */
  readonly signal: AbortSignal;
  /** The time limit fired. */
  timedOut(): boolean;
  /** The caller's signal fired. */
  userAborted(): boolean;
  /** Clears the timer and listeners; call when the request settles. */
  dispose(): void;
}

/**
 * Starts a deadline of `timeoutMs` that also follows the caller's signal. Unlike the SDKs' own
 * timeouts, it keeps running while the response body is read, so a server that stalls mid-body
 * still ends in a timeout.
 */
export function startRequestDeadline(timeoutMs: number, userSignal?: AbortSignal): RequestDeadline {
  const controller = new AbortController();
  let timedOut = false;
  let userAborted = false;
  const onUserAbort = () => {
    userAborted = true;
    controller.abort(userSignal?.reason);
  };
  if (userSignal?.aborted) onUserAbort();
  else userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('request deadline exceeded'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut && !userAborted,
    userAborted: () => userAborted,
    dispose: () => {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    },
  };
}
