import type { SynthesisEstimate } from '@datasynth/core';

/**
 * Planning assumptions for how long a run takes, not measurements: a hosted model writes a few
 * dozen output tokens per second, and each call adds a couple of seconds of queueing, prompt
 * reading and network. They decide whether `synthesize_data` answers at once with a job handle,
 * and fill `estimated_seconds`; a wrong guess costs only a few seconds of waiting, never the run.
 */
export const ASSUMED_OUTPUT_TOKENS_PER_SECOND = 50;
export const ASSUMED_SECONDS_PER_CALL = 2;

/** Calls in flight an `auto` run starts with (the governor's initial limit; it grows from there). */
const AUTO_CONCURRENCY_START = 4;

/**
 * Seconds a run is expected to take: its calls in waves of `concurrency`, each as long as its
 * output takes to write. Undefined for batch-API runs, which the provider answers within 24 hours.
 */
export function expectedDurationSeconds(
  estimate: Pick<SynthesisEstimate, 'requests' | 'outputTokens'>,
  settings: { concurrency: 'auto' | number; batchApi: boolean },
): number | undefined {
  if (settings.batchApi) return undefined;
  if (estimate.requests === 0) return 0;
  const concurrency = settings.concurrency === 'auto' ? AUTO_CONCURRENCY_START : settings.concurrency;
  const outputPerCall = estimate.outputTokens / estimate.requests;
  const secondsPerCall = ASSUMED_SECONDS_PER_CALL + outputPerCall / ASSUMED_OUTPUT_TOKENS_PER_SECOND;
  return Math.ceil(Math.ceil(estimate.requests / concurrency) * secondsPerCall);
}
