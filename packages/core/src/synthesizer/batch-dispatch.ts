import type { Reservation } from '@datasynth/cost';
import {
  type BatchCapability,
  type BatchInfo,
  type BatchRequest,
  type LanguageModel,
  ProviderError,
} from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { PromptProvenance } from '../provenance/call-provenance.js';
import { describeBatchFailures } from './batch-failures.js';
import { batchRequestProvenance, keepBatchPrompt } from './batch-request-provenance.js';
import type { StateSaver } from './journal-queue.js';
import type { OpenedRun } from './open-run.js';
import type { RunEvents } from './run-events.js';
import type { ProviderBatchState } from './run-state.js';
import { nextRoundSize, observedYield } from './shortfall-size.js';
import { sleepUnlessAborted } from './sleep-unless-aborted.js';
import { summariseBatches } from './summarise-batches.js';
import { takeReply } from './take-reply.js';

/** Room left in a provider batch for the JSON around each request. */
const BYTE_MARGIN = 0.9;
const PER_REQUEST_OVERHEAD_BYTES = 512;

/**
 * The steps batch dispatch works with — the same plan (requests), gate (stops, budget at batch
 * prices, the governor), intake and tally as online calls — and the state saver: every batch id is
 * on disk before anything waits on it.
 */
export type BatchDispatchSteps = Pick<OpenedRun, 'plan' | 'gate' | 'intake' | 'tally'> & {
  config: ResolvedSynthesisConfig;
  model: LanguageModel;
  batch: BatchCapability;
  saver: StateSaver;
  events: RunEvents;
};

/**
 * Dispatch through a provider batch API: plan the calls, record every custom id and provider batch
 * id in the run state before waiting, poll, and feed each answer through the same intake as an
 * online call. Batches left in flight by an earlier session are re-attached, never submitted again.
 */
export class BatchDispatch {
  readonly #steps: BatchDispatchSteps;
  /** Reservations of the requests in flight, by provider batch and custom id. */
  readonly #reservations = new Map<string, Reservation>();
  /** Steering settlements of requests in flight, by custom id. */
  readonly #settlements = new Map<string, () => void>();
  #requested = 0;

  constructor(steps: BatchDispatchSteps) {
    this.#steps = steps;
  }

  /** Collects batches left in flight by an earlier session. */
  async reattach(): Promise<void> {
    const { tally, gate, events } = this.#steps;
    const pending = tally.batches.filter((entry) => entry.status !== 'collected');
    if (pending.length === 0) return;
    const round = Math.max(...pending.map((entry) => entry.round));
    for (const entry of pending) {
      if (gate.stopSignal.aborted) return;
      if (entry.id === undefined) {
        // Planned but never recorded as accepted by the provider: submit it now, with fresh requests,
        // held to the budget and counted like any other.
        const rebuilt = this.#rebuild(entry);
        if (!rebuilt) return;
        events.warn(
          `A batch of ${entry.requestCount} requests was being submitted when the earlier session stopped, before the provider's batch id was recorded: it is submitted again. If the provider had already accepted it, that first batch is an orphan that runs and is billed but is never collected: check the provider's console for a batch created then and cancel it if it is still running.`,
          { once: false },
        );
        await this.#submit(entry, rebuilt.requests, rebuilt.reservations);
      } else {
        events.emit({
          type: 'batch',
          action: 'attached',
          batchId: entry.id,
          requests: entry.requestCount,
          round: entry.round,
        });
      }
    }
    await this.#waitAndCollect(
      pending.filter((entry) => entry.id !== undefined),
      round,
    );
  }

  /**
   * Plans and runs rounds of batches (top-ups sized by {@link nextRoundSize}). With `batchTopUp:
   * 'online'` one round runs and the caller tops up online; with `'batch'`, to the target or the cap.
   */
  async run(): Promise<void> {
    const { config, tally, gate, plan } = this.#steps;
    const target = config.targetCount;
    const cap = Math.ceil((target - tally.accepted) * config.maxAttemptsFactor);
    let round = tally.batches.reduce((max, entry) => Math.max(max, entry.round), 0);
    let rounds = 0;
    const acceptedBeforeRounds = tally.accepted;
    const requestedBeforeRounds = this.#requested;
    while (!gate.stopSignal.aborted && tally.accepted < target) {
      if (rounds > 0 && config.batchTopUp === 'online') return;
      if (this.#requested >= cap) break;
      round += 1;
      rounds += 1;
      const askedInRounds = this.#requested - requestedBeforeRounds;
      const wanted =
        askedInRounds === 0
          ? target - tally.accepted
          : nextRoundSize({
              target,
              accepted: tally.accepted,
              yield: observedYield(tally.accepted - acceptedBeforeRounds, askedInRounds),
              batchSize: plan.batchSize,
            });
      const entries = await this.#planAndSubmit(round, Math.min(wanted, cap - this.#requested));
      if (entries.length === 0) break;
      await this.#waitAndCollect(entries, round);
    }
    if (gate.stopSignal.aborted || config.batchTopUp === 'online') return;
    if (tally.accepted >= target) gate.requestStop({ reason: 'done' });
    else {
      gate.requestStop({
        reason: 'max-attempts',
        message: `Stopped after asking for ${this.#requested} records in ${rounds} round(s) of batches (${config.maxAttemptsFactor}× the plan) with ${tally.accepted} of ${target} accepted: too many rejects, duplicates or failed requests. Check the rejects file, then resume.`,
      });
    }
  }

  async #planAndSubmit(round: number, records: number): Promise<ProviderBatchState[]> {
    const { config, batch, plan, gate } = this.#steps;
    const perBatch = Math.min(config.batchMaxRequests, batch.limits.maxRequests);
    const maxBytes = batch.limits.maxBytes * BYTE_MARGIN;
    const submitted: ProviderBatchState[] = [];
    let items: BatchRequest[] = [];
    let entry = newEntry(round);
    let bytes = 0;
    let reservations: HeldRequests = [];
    let sequence = 0;
    const flush = async () => {
      if (items.length === 0) return;
      const planned = entry;
      const requests = items;
      const held = reservations;
      items = [];
      entry = newEntry(round);
      bytes = 0;
      reservations = [];
      if (await this.#submit(planned, requests, held)) submitted.push(planned);
    };
    let left = records;
    while (left > 0 && !gate.stopSignal.aborted) {
      const count = Math.min(plan.batchSize, left);
      const { request, inputTokens, prompt, settle } = plan.next(count);
      const size = Buffer.byteLength(JSON.stringify(request)) + PER_REQUEST_OVERHEAD_BYTES;
      if (items.length >= perBatch || (items.length > 0 && bytes + size > maxBytes)) await flush();
      const reservation = gate.reserveBatchRequest(this.#steps.model.modelId, request, inputTokens);
      if (reservation === null) {
        settle();
        break;
      }
      sequence += 1;
      const customId = `ds${round}-${sequence}`;
      this.#settlements.set(customId, settle);
      items.push({ customId, request });
      // The batch number is given once the provider has accepted the request (see #submit).
      entry.requests[customId] = [count, 0];
      this.#keepPrompt(entry, customId, prompt);
      entry.requestCount += 1;
      if (reservation) reservations.push([customId, reservation]);
      bytes += size;
      left -= count;
      this.#requested += count;
    }
    if (gate.stopSignal.aborted) {
      // Asked to stop while planning: what is planned but not yet submitted is never sent.
      this.#abandon(items, reservations);
      return submitted;
    }
    await flush();
    return submitted;
  }

  /** Drops requests that were planned but are not sent: their reservations and steering are released. */
  #abandon(requests: BatchRequest[], reservations: HeldRequests): void {
    for (const [, reservation] of reservations) this.#steps.gate.release(reservation);
    for (const { customId } of requests) this.#settle(customId);
  }

  /**
   * Rebuilds the requests of a planned entry (same custom ids and counts), each reserved against the
   * budget as when first planned; null when the budget refuses one (nothing is kept, the run stops).
   */
  #rebuild(entry: ProviderBatchState): { requests: BatchRequest[]; reservations: HeldRequests } | null {
    const { plan, gate, model } = this.#steps;
    const requests: BatchRequest[] = [];
    const reservations: HeldRequests = [];
    for (const [customId, [count]] of Object.entries(entry.requests)) {
      const { request, inputTokens, prompt, settle } = plan.next(count);
      this.#keepPrompt(entry, customId, prompt);
      this.#settlements.set(customId, settle);
      requests.push({ customId, request });
      const reservation = gate.reserveBatchRequest(model.modelId, request, inputTokens);
      if (reservation === null) {
        this.#abandon(requests, reservations);
        return null;
      }
      if (reservation) reservations.push([customId, reservation]);
    }
    return { requests, reservations };
  }

  /**
   * Records the planned batch in the state, submits it, then records its provider id — both
   * written to disk before anything waits on the batch. Its requests are counted (and given batch
   * numbers) once the provider has answered; a batch not sent because the run is stopping is dropped
   * without counting anything.
   */
  async #submit(entry: ProviderBatchState, requests: BatchRequest[], reservations: HeldRequests = []) {
    const { tally, gate, saver, batch, events } = this.#steps;
    if (!tally.batches.includes(entry)) tally.batches.push(entry);
    await saver.saveState();
    const stopping = new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
    let info: BatchInfo;
    try {
      info = await gate.govern((_attempt, signal) => {
        // Nothing is sent once the run is asked to stop (while the state was written, or between retries).
        if (gate.stopSignal.aborted) throw stopping;
        return batch.submit(requests, { signal });
      });
    } catch (cause) {
      tally.batches.splice(tally.batches.indexOf(entry), 1);
      this.#abandon(requests, reservations);
      const notSent =
        cause === stopping ||
        (gate.stopSignal.aborted && ProviderError.isInstance(cause) && cause.kind === 'aborted');
      if (!notSent) {
        for (const [count] of Object.values(entry.requests)) {
          this.#startRequest(count);
          tally.failedRequests += 1;
        }
        gate.fail(cause);
      }
      await saver.saveState();
      return false;
    }
    entry.id = info.id;
    entry.status = 'submitted';
    entry.submittedAt = new Date().toISOString();
    for (const [customId, [count]] of Object.entries(entry.requests)) {
      entry.requests[customId] = [count, this.#startRequest(count)];
    }
    for (const [customId, reservation] of reservations) {
      this.#reservations.set(`${info.id} ${customId}`, reservation);
    }
    await saver.saveState();
    events.emit({
      type: 'batch',
      action: 'submitted',
      batchId: info.id,
      requests: requests.length,
      round: entry.round,
    });
    return true;
  }

  /** Counts a request the provider has accepted (or failed to); returns its number in the rejects file. */
  #startRequest(count: number): number {
    const { tally } = this.#steps;
    tally.requests += 1;
    return tally.startCall(count);
  }

  async #waitAndCollect(entries: ProviderBatchState[], round: number): Promise<void> {
    const { gate, batch, events, config, tally } = this.#steps;
    const open = new Set(entries.filter((entry) => entry.id !== undefined));
    const infos = new Map<string, BatchInfo>();
    while (open.size > 0 && !gate.stopSignal.aborted) {
      for (const entry of [...open]) {
        const id = entry.id as string;
        let info: BatchInfo;
        try {
          info = await gate.govern((_attempt, signal) => batch.retrieve(id, { signal }));
        } catch (cause) {
          gate.fail(cause);
          if (gate.stopSignal.aborted) return;
          continue;
        }
        infos.set(id, info);
        if (info.status !== 'ended') continue;
        if (await this.#collect(entry)) {
          open.delete(entry);
          events.emit({ type: 'batch', action: 'ended', batchId: id, requests: entry.requestCount, round });
        }
        if (gate.stopSignal.aborted) return;
      }
      events.emit({
        type: 'progress',
        progress: tally.toProgress(summariseBatches(round, entries.length, infos)),
      });
      if (open.size > 0) await sleepUnlessAborted(config.batchPollIntervalMs, gate.stopSignal);
    }
  }

  /** Keeps what a request shows the model in the state (with `provenance`), for its records. */
  #keepPrompt(entry: ProviderBatchState, customId: string, prompt: PromptProvenance): void {
    if (this.#steps.config.provenance) keepBatchPrompt(entry, customId, prompt);
  }

  #settle(customId: string): void {
    this.#settlements.get(customId)?.();
    this.#settlements.delete(customId);
  }

  /**
   * Reads an ended batch's results into the pipeline; true once every line has been handled. Each
   * line's custom id leaves the entry, and the state is saved, once its records are journaled: a read
   * cut short (stop, read error, crash) resumes with the lines not yet handled, never counting a line
   * (its cost, rejects or duplicates) twice.
   */
  async #collect(entry: ProviderBatchState): Promise<boolean> {
    const steps = this.#steps;
    const { gate, saver, batch, plan, tally, events, model } = steps;
    const id = entry.id as string;
    const failures = { errored: 0, expired: 0, canceled: 0 };
    let firstError: string | undefined;
    saver.holdStateWrites(true);
    try {
      for await (const line of batch.results(id, {
        signal: gate.callSignal,
        ...(plan.structuredOutput && { output: plan.structuredOutput }),
      })) {
        // Unknown, or handled already (earlier in this read, in an earlier read, or before a restart).
        const planned = entry.requests[line.customId];
        if (!planned) continue;
        const key = `${id} ${line.customId}`;
        const reservation = this.#reservations.get(key);
        this.#reservations.delete(key);
        if (line.status === 'succeeded') {
          gate.settleBatchResult(model.modelId, reservation, line.result.usage);
          for (const warning of line.result.warnings) events.warn(warning);
          await takeReply(steps, line.result, {
            requested: planned[0],
            batch: planned[1],
            provenance: steps.config.provenance
              ? batchRequestProvenance({
                  entry,
                  customId: line.customId,
                  result: line.result,
                  model,
                  config: steps.config,
                })
              : undefined,
          });
        } else {
          gate.release(reservation);
          failures[line.status] += 1;
          firstError ??= line.error.message;
          tally.failedRequests += 1;
        }
        this.#settle(line.customId);
        Reflect.deleteProperty(entry.requests, line.customId);
        if (entry.prompts) Reflect.deleteProperty(entry.prompts.requests, line.customId);
        await saver.saveState();
      }
    } catch (cause) {
      saver.holdStateWrites(false);
      gate.fail(cause);
      return false;
    }
    const missing = Object.keys(entry.requests);
    for (const customId of missing) {
      gate.release(this.#reservations.get(`${id} ${customId}`));
      this.#reservations.delete(`${id} ${customId}`);
      tally.failedRequests += 1;
      this.#settle(customId);
    }
    const warning = describeBatchFailures(
      { id, requestCount: entry.requestCount },
      { ...failures, missing: missing.length, firstError },
      steps.config.batchTopUp,
    );
    if (warning) events.warn(warning, { once: false });
    entry.status = 'collected';
    entry.requests = {};
    delete entry.prompts;
    saver.holdStateWrites(false);
    await saver.saveState();
    return true;
  }
}

/** Reservations of planned requests, by custom id. */
type HeldRequests = [string, Reservation][];

function newEntry(round: number): ProviderBatchState {
  return { round, requests: {}, requestCount: 0, status: 'planned' };
}
