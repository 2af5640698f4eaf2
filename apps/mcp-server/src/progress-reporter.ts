import type { PacingLimits, SynthesisEvent, SynthesisProgress } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';

/** The part of a tool call's `extra` that progress reporting needs. */
export interface ProgressChannel {
  _meta?: { progressToken?: string | number } & Record<string, unknown>;
  sendNotification: (notification: ServerNotification) => Promise<void>;
}

/** Least time between two progress notifications (a change inside it is sent when it ends). */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Longest silence while a call is in flight: a host that resets its request timeout on progress
 * (the TypeScript SDK's `resetTimeoutOnProgress`) then never times out, even while a provider
 * batch or a rate-limit pause keeps the counts still.
 */
export const HEARTBEAT_MS = 3_000;

/** Sends a call's progress notifications until closed. */
export interface ProgressReporter {
  /** Takes one of core's run events. */
  report(event: SynthesisEvent): void;
  /** Says what the call is doing when no run event does (waiting for a confirmation, a job starting). */
  note(message: string): void;
  /** Stops sending (the call has answered: its progress token is no longer valid). */
  close(): void;
}

/**
 * Turns core's run events into MCP `notifications/progress` for the call's progress token:
 * `progress` = records accepted, `total` = the target, and a message with rejects, duplicates and
 * the cost so far. A notification goes out on every change (spaced by {@link PROGRESS_INTERVAL_MS})
 * and, while nothing changes, every {@link HEARTBEAT_MS}. Progress must increase with every
 * notification (the protocol says so): one that brings no new record adds a fraction below one
 * (½, ⅔, ¾ …), so the whole part is always the record count. Without a progress token it does nothing.
 */
export function createProgressReporter(
  channel: ProgressChannel,
  options: { total?: number; heartbeatMs?: number; intervalMs?: number } = {},
): ProgressReporter {
  const token = channel._meta?.progressToken;
  if (token === undefined) return { report: () => {}, note: () => {}, close: () => {} };
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  let closed = false;
  let finished = false;
  let accepted = 0;
  let total = options.total;
  let message = 'Preparing the run.';
  let sentMessage: string | undefined;
  let lastValue = -1;
  let between = 0;
  let lastSentAt = 0;
  let trailing: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  // The heartbeat is re-armed by every notification, so it is due exactly heartbeatMs after the
  // last one: a caller's timer set after a notification for longer than that always comes second
  // (timers fire in the order they expire), however late a busy machine runs them.
  const armHeartbeat = (): void => {
    if (heartbeat) clearTimeout(heartbeat);
    heartbeat = setTimeout(() => {
      heartbeat = undefined;
      if (!finished) send();
    }, heartbeatMs);
    heartbeat.unref?.();
  };
  const send = (): void => {
    if (closed) return;
    let value = accepted;
    if (value <= lastValue) {
      between += 1;
      value = Math.floor(lastValue) + between / (between + 1);
    } else {
      between = 0;
    }
    lastValue = value;
    lastSentAt = Date.now();
    sentMessage = message;
    armHeartbeat();
    channel
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: value, ...(total !== undefined && { total }), message },
      })
      .catch(() => {
        // The client went away; the run goes on and stays resumable.
      });
  };
  const sendSoon = (): void => {
    if (message === sentMessage) return;
    const wait = lastSentAt + intervalMs - Date.now();
    if (wait <= 0) {
      send();
      return;
    }
    trailing ??= setTimeout(() => {
      trailing = undefined;
      if (message !== sentMessage) send();
    }, wait);
    trailing.unref?.();
  };
  armHeartbeat();

  return {
    report(event) {
      if (closed) return;
      if (event.type === 'start') {
        accepted = event.alreadyAccepted;
        total = event.target;
        message = `Started: ${event.alreadyAccepted}/${event.target} records, ${event.model} (${event.provider}), batches of ${event.batchSize}${
          event.estimatedCost === undefined ? '' : `, estimated ${formatUsd(event.estimatedCost)}`
        }.`;
        send();
      } else if (event.type === 'progress') {
        // Calls still in flight when the target was reported only bring surplus records: nothing
        // a client waits for, and a fraction past the total would read as more than was asked for.
        if (lastValue >= event.progress.target) return;
        accepted = event.progress.accepted;
        total = event.progress.target;
        message = describeProgress(event.progress);
        if (accepted >= event.progress.target) send();
        else sendSoon();
      } else if (event.type === 'finished') {
        accepted = event.result.generatedCount;
        total = event.result.targetCount;
        message = `Finished: ${accepted}/${total} records.`;
        finished = true;
        if (accepted > lastValue) send();
      }
    },
    note(text) {
      if (closed) return;
      message = text;
      send();
    },
    close() {
      closed = true;
      if (heartbeat) clearTimeout(heartbeat);
      if (trailing) clearTimeout(trailing);
    },
  };
}

/** `paced at 60 rpm (setting rpm), 40000 tpm (server headers)`, or nothing while no limit is known. */
function describePacing(pacing: PacingLimits | undefined): string[] {
  const units = {
    requests: 'rpm',
    tokens: 'tpm',
    inputTokens: 'input tpm',
    outputTokens: 'output tpm',
  } as const;
  const limits = (Object.keys(units) as (keyof typeof units)[]).flatMap((kind) => {
    const limit = pacing?.[kind];
    if (!limit) return [];
    const source =
      limit.source === 'headers' ? 'server headers' : `setting ${kind === 'requests' ? 'rpm' : 'tpm'}`;
    return [`${limit.perMinute} ${units[kind]} (${source})`];
  });
  return limits.length > 0 ? [`paced at ${limits.join(', ')}`] : [];
}

/** One line on a run's progress, e.g. `12/40 accepted, 3 rejected, 1 duplicate, $0.0042 so far (projected $0.0140), about 4 s left`. */
export function describeProgress(progress: SynthesisProgress): string {
  const duplicates = progress.duplicates.exact + progress.duplicates.near;
  const parts = [
    `${progress.accepted}/${progress.target} accepted`,
    `${progress.rejected} rejected`,
    `${duplicates} duplicate${duplicates === 1 ? '' : 's'}`,
    ...(progress.inFlight > 0 ? [`${progress.inFlight} in flight`] : []),
    ...(progress.retries > 0 ? [`${progress.retries} ${progress.retries === 1 ? 'retry' : 'retries'}`] : []),
    ...describePacing(progress.pacing),
    progress.cost === undefined
      ? 'cost unknown (unpriced model)'
      : `${formatUsd(progress.cost)} so far${progress.projectedCost === undefined ? '' : ` (projected ${formatUsd(progress.projectedCost)})`}`,
  ];
  if (progress.etaMs !== undefined && progress.accepted < progress.target) {
    parts.push(`about ${Math.max(1, Math.round(progress.etaMs / 1000))} s left`);
  }
  return parts.join(', ');
}
