import type { BatchInfo } from '@datasynth/providers';
import type { BatchProgress } from './events.js';

/** Where the provider batches of a round are, summed from the providers' own counts. */
export function summariseBatches(
  round: number,
  batches: number,
  infos: Map<string, BatchInfo>,
): BatchProgress {
  const progress: BatchProgress = {
    round,
    batches,
    requests: 0,
    processing: 0,
    succeeded: 0,
    errored: 0,
    expired: 0,
    canceled: 0,
  };
  for (const { counts } of infos.values()) {
    progress.requests += counts.total;
    progress.processing += counts.processing;
    progress.succeeded += counts.succeeded;
    progress.errored += counts.errored;
    progress.expired += counts.expired;
    progress.canceled += counts.canceled;
  }
  return progress;
}
