import type { EndpointUnreachableError } from '../governor/connection-breaker.js';

/**
 * The one line a run stopped by its breaker ends with: could not reach (or no answer from) which
 * endpoint — the run's model server at `endpoint`, or the judge's at its own base URL — and what to
 * check; whether the run is saved (`accepted` > 0) or a plain re-run starts afresh.
 */
export function describeUnreachable(
  error: EndpointUnreachableError,
  run: { endpoint: string; requestTimeoutMs: number; accepted: number },
): string {
  const endpoint = error.endpoint?.url ?? run.endpoint;
  const server = error.endpoint ? `the ${error.endpoint.role}'s model server` : 'the model server';
  const setting = error.endpoint?.setting ?? 'baseURL';
  const kept =
    run.accepted > 0
      ? 'The run is saved: resume it once the server answers.'
      : 'Nothing was accepted: a plain re-run starts afresh.';
  if (error.reason === 'timeouts') {
    return `Stopped: ${error.failures} calls in a row got no answer from ${server} at ${endpoint} within ${run.requestTimeoutMs} ms. Check that the server is running and not stuck on an earlier request, or raise requestTimeoutMs if answers take longer. ${kept}`;
  }
  const detail = error.last.message.replace(/\s*Check the network connection and the base URL\.?$/, '');
  return `Stopped: could not reach ${server} at ${endpoint} (${detail.replace(/\.$/, '')}). Check that the server is running and that ${setting}, the network, DNS and TLS are right. ${kept}`;
}
