import type { SynthesisEvent, SynthesisProgress } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';

/** The part of a tool call's `extra` that progress reporting needs. */
export interface ProgressChannel {
  _meta?: { progressToken?: string | number } & Record<string, unknown>;
  sendNotification: (notification: ServerNotification) => Promise<void>;
}

/** Least time between two progress notifications, except the last one of a run. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Turns core's run events into MCP `notifications/progress` for the call's progress token:
 * `progress` = records accepted, `total` = the target, and a message with rejects, duplicates
 * and the cost so far. Progress only ever increases (as the spec requires), notifications are
 * spaced by {@link PROGRESS_INTERVAL_MS}, and the final count is always sent. Without a progress
 * token it does nothing.
 */
export function createProgressReporter(channel: ProgressChannel): (event: SynthesisEvent) => void {
  const token = channel._meta?.progressToken;
  if (token === undefined) return () => {};
  let lastProgress = -1;
  let lastSentAt = 0;
  const send = (progress: number, total: number, message: string): void => {
    lastProgress = progress;
    lastSentAt = Date.now();
    channel
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total, message },
      })
      .catch(() => {
        // The client went away; the run goes on and stays resumable.
      });
  };
  return (event) => {
    if (event.type === 'start') {
      send(
        event.alreadyAccepted,
        event.target,
        `Started: ${event.alreadyAccepted}/${event.target} records, ${event.model} (${event.provider}), batches of ${event.batchSize}${
          event.estimatedCost === undefined ? '' : `, estimated ${formatUsd(event.estimatedCost)}`
        }.`,
      );
      return;
    }
    if (event.type === 'progress') {
      const { accepted, target } = event.progress;
      const due = accepted >= target || Date.now() - lastSentAt >= PROGRESS_INTERVAL_MS;
      if (accepted > lastProgress && due) send(accepted, target, describeProgress(event.progress));
      return;
    }
    if (event.type === 'finished') {
      const { generatedCount, targetCount } = event.result;
      if (generatedCount > lastProgress) {
        send(generatedCount, targetCount, `Finished: ${generatedCount}/${targetCount} records.`);
      }
    }
  };
}

/** One line on a run's progress, e.g. `12/40 accepted, 3 rejected, 1 duplicate, $0.0042 so far (projected $0.0140), about 4 s left`. */
export function describeProgress(progress: SynthesisProgress): string {
  const duplicates = progress.duplicates.exact + progress.duplicates.near;
  const parts = [
    `${progress.accepted}/${progress.target} accepted`,
    `${progress.rejected} rejected`,
    `${duplicates} duplicate${duplicates === 1 ? '' : 's'}`,
    progress.cost === undefined
      ? 'cost unknown (unpriced model)'
      : `${formatUsd(progress.cost)} so far${progress.projectedCost === undefined ? '' : ` (projected ${formatUsd(progress.projectedCost)})`}`,
  ];
  if (progress.etaMs !== undefined && progress.accepted < progress.target) {
    parts.push(`about ${Math.max(1, Math.round(progress.etaMs / 1000))} s left`);
  }
  return parts.join(', ');
}
