import { type Budget, maxCostOfRequest, type Reservation } from '@datasynth/cost';
import {
  type BatchCapability,
  type BatchInfo,
  type BatchRequest,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  ProviderError,
  type StructuredOutputRequest,
  type Usage,
} from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { Governor } from '../governor/governor.js';
import type { BatchProgress, StopReason, SynthesisEvent } from './events.js';
import type { ProviderBatchState } from './run-state.js';

/** What batch dispatch needs from its run: the same request building and processing as online calls. */
export interface BatchDispatchHost {
  config: ResolvedSynthesisConfig;
  model: LanguageModel;
  batch: BatchCapability;
  governor: Governor;
  budget: Budget | undefined;
  /** Aborts calls in flight (the run's own signal). */
  callSignal: AbortSignal;
  /** Fires as soon as the run is asked to stop: waiting ends at once. */
  stopSignal: AbortSignal;
  /** The run state's provider batches (mutated here, saved by the run). */
  batches: ProviderBatchState[];
  /** The structured output every request asks for (to read answers back). */
  output: StructuredOutputRequest | undefined;
  accepted(): number;
  /**
   * Builds the next request exactly as an online call would be built; `settle` (when given) must be
   * called once its answer has been processed or has failed.
   */
  buildRequest(count: number): { request: GenerateRequest; inputTokens: number; settle?: () => void };
  /**
   * Counts a request of `count` records once the provider has accepted it (or failed to); returns its
   * batch number (for the rejects file).
   */
  startRequest(count: number): number;
  /** Parse → validate → dedup → journal, as for an online answer. */
  process(result: GenerateResult, count: number, batchNumber: number): Promise<void>;
  /** Records usage at batch prices; returns its USD cost. */
  recordUsage(usage: Usage): number | undefined;
  failedRequest(): void;
  /** Handles a failed provider call as an online one (stop on auth/quota, warn otherwise). */
  callFailed(cause: unknown): void;
  requestStop(stop: { reason: StopReason; message?: string }): void;
  /**
   * While held, journal writes do not save the state: while a batch is collected the state is saved
   * only after each result line, once that line's records are journaled and its custom id dropped.
   */
  holdStateWrites(hold: boolean): void;
  /** Waits for the journal, then writes the run state. */
  saveState(): Promise<void>;
  warn(message: string, options?: { once?: boolean }): void;
  emit(event: SynthesisEvent): void;
  emitProgress(batch: BatchProgress): void;
}

/** Room left in a provider batch for the JSON around each request. */
const BYTE_MARGIN = 0.9;
const PER_REQUEST_OVERHEAD_BYTES = 512;

/**
 * Dispatch through a provider batch API: plan the calls, record every custom id and provider batch
 * id in the run state before waiting, poll, and feed each answer through the same processing as an
 * online call. Batches left in flight by an earlier session are re-attached, never submitted again.
 */
export class BatchDispatch {
  readonly #host: BatchDispatchHost;
  /** Reservations of the requests in flight, by provider batch and custom id. */
  readonly #reservations = new Map<string, Reservation>();
  /** Steering settlements of requests in flight, by custom id. */
  readonly #settlements = new Map<string, () => void>();
  #requested = 0;

  constructor(host: BatchDispatchHost) {
    this.#host = host;
  }

  /** Collects batches left in flight by an earlier session. */
  async reattach(): Promise<void> {
    const host = this.#host;
    const pending = host.batches.filter((entry) => entry.status !== 'collected');
    if (pending.length === 0) return;
    const round = Math.max(...pending.map((entry) => entry.round));
    for (const entry of pending) {
      if (host.stopSignal.aborted) return;
      if (entry.id === undefined) {
        // Planned but never recorded as accepted by the provider: submit it now, with fresh requests,
        // held to the budget and counted like any other.
        const rebuilt = this.#rebuild(entry);
        if (!rebuilt) return;
        host.warn(
          `A batch of ${entry.requestCount} requests was being submitted when the earlier session stopped, before the provider's batch id was recorded: it is submitted again. If the provider had already accepted it, that first batch is an orphan that runs and is billed but is never collected: check the provider's console for a batch created then and cancel it if it is still running.`,
          { once: false },
        );
        await this.#submit(entry, rebuilt.requests, rebuilt.reservations);
      } else {
        host.emit({
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
   * Plans and runs rounds of batches. With `batchTopUp: 'online'` only one round runs and the
   * caller tops up online; with `'batch'`, rounds continue until the target or the attempt cap.
   */
  async run(): Promise<void> {
    const host = this.#host;
    const { config } = host;
    const cap = Math.ceil((config.targetCount - host.accepted()) * config.maxAttemptsFactor);
    let round = host.batches.reduce((max, entry) => Math.max(max, entry.round), 0);
    let rounds = 0;
    while (!host.stopSignal.aborted && host.accepted() < config.targetCount) {
      if (rounds > 0 && config.batchTopUp === 'online') return;
      if (this.#requested >= cap) break;
      round += 1;
      rounds += 1;
      const entries = await this.#planAndSubmit(
        round,
        Math.min(config.targetCount - host.accepted(), cap - this.#requested),
      );
      if (entries.length === 0) break;
      await this.#waitAndCollect(entries, round);
    }
    if (host.stopSignal.aborted || config.batchTopUp === 'online') return;
    if (host.accepted() >= config.targetCount) host.requestStop({ reason: 'done' });
    else {
      host.requestStop({
        reason: 'max-attempts',
        message: `Stopped after asking for ${this.#requested} records in ${rounds} round(s) of batches (${config.maxAttemptsFactor}× the plan) with ${host.accepted()} of ${config.targetCount} accepted: too many rejects, duplicates or failed requests. Check the rejects file, then resume.`,
      });
    }
  }

  async #planAndSubmit(round: number, records: number): Promise<ProviderBatchState[]> {
    const host = this.#host;
    const { config } = host;
    const perBatch = Math.min(config.batchMaxRequests, host.batch.limits.maxRequests);
    const maxBytes = host.batch.limits.maxBytes * BYTE_MARGIN;
    const submitted: ProviderBatchState[] = [];
    let items: BatchRequest[] = [];
    let entry = newEntry(round);
    let bytes = 0;
    let reservations: [string, Reservation][] = [];
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
    while (left > 0 && !host.stopSignal.aborted) {
      const count = Math.min(config.batchSize, left);
      const { request, inputTokens, settle } = host.buildRequest(count);
      const size = Buffer.byteLength(JSON.stringify(request)) + PER_REQUEST_OVERHEAD_BYTES;
      if (items.length >= perBatch || (items.length > 0 && bytes + size > maxBytes)) await flush();
      const reservation = this.#reserve(request, inputTokens);
      if (reservation === null) {
        settle?.();
        break;
      }
      sequence += 1;
      const customId = `ds${round}-${sequence}`;
      if (settle) this.#settlements.set(customId, settle);
      items.push({ customId, request });
      // The batch number is given once the provider has accepted the request (see #submit).
      entry.requests[customId] = [count, 0];
      entry.requestCount += 1;
      if (reservation) reservations.push([customId, reservation]);
      bytes += size;
      left -= count;
      this.#requested += count;
    }
    if (host.stopSignal.aborted) {
      // Asked to stop while planning: what is planned but not yet submitted is never sent.
      this.#abandon(items, reservations);
      return submitted;
    }
    await flush();
    return submitted;
  }

  /** Drops requests that were planned but are not sent: their reservations and steering are released. */
  #abandon(requests: BatchRequest[], reservations: [string, Reservation][]): void {
    for (const [, reservation] of reservations) this.#host.budget?.release(reservation);
    for (const { customId } of requests) this.#settle(customId);
  }

  /** Worst-case reservation at batch prices; undefined without a cap, null when the cap refuses. */
  #reserve(request: GenerateRequest, inputTokens: number): Reservation | undefined | null {
    const { budget, config, model } = this.#host;
    if (!budget) return undefined;
    const worstCase =
      maxCostOfRequest({
        model: model.modelId,
        inputTokens,
        maxOutputTokens: request.maxTokens,
        batch: true,
        ...(config.prices && { overrides: config.prices }),
      }) ?? 0;
    const reservation = budget.reserve(worstCase);
    if (reservation) return reservation;
    this.#host.requestStop({
      reason: 'budget',
      message: `Stopped before the next batch request could take spending past the $${(config.maxCost ?? 0).toFixed(2)} cap. Resume with a higher cap to continue.`,
    });
    return null;
  }

  /**
   * Rebuilds the requests of a planned entry (same custom ids and counts), each reserved against the
   * budget as when first planned; null when the budget refuses one (nothing is kept, the run stops).
   */
  #rebuild(
    entry: ProviderBatchState,
  ): { requests: BatchRequest[]; reservations: [string, Reservation][] } | null {
    const requests: BatchRequest[] = [];
    const reservations: [string, Reservation][] = [];
    for (const [customId, [count]] of Object.entries(entry.requests)) {
      const { request, inputTokens, settle } = this.#host.buildRequest(count);
      if (settle) this.#settlements.set(customId, settle);
      requests.push({ customId, request });
      const reservation = this.#reserve(request, inputTokens);
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
  async #submit(
    entry: ProviderBatchState,
    requests: BatchRequest[],
    reservations: [string, Reservation][] = [],
  ): Promise<boolean> {
    const host = this.#host;
    if (!host.batches.includes(entry)) host.batches.push(entry);
    await host.saveState();
    const stopping = new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
    let info: BatchInfo;
    try {
      info = await host.governor.run((_attempt, signal) => {
        // Nothing is sent once the run is asked to stop (while the state was written, or between retries).
        if (host.stopSignal.aborted) throw stopping;
        return host.batch.submit(requests, { signal });
      }, host.callSignal);
    } catch (cause) {
      host.batches.splice(host.batches.indexOf(entry), 1);
      this.#abandon(requests, reservations);
      const notSent =
        cause === stopping ||
        (host.stopSignal.aborted && ProviderError.isInstance(cause) && cause.kind === 'aborted');
      if (!notSent) {
        for (const [count] of Object.values(entry.requests)) {
          host.startRequest(count);
          host.failedRequest();
        }
        host.callFailed(cause);
      }
      await host.saveState();
      return false;
    }
    entry.id = info.id;
    entry.status = 'submitted';
    entry.submittedAt = new Date().toISOString();
    for (const [customId, [count]] of Object.entries(entry.requests)) {
      entry.requests[customId] = [count, host.startRequest(count)];
    }
    for (const [customId, reservation] of reservations) {
      this.#reservations.set(`${info.id} ${customId}`, reservation);
    }
    await host.saveState();
    host.emit({
      type: 'batch',
      action: 'submitted',
      batchId: info.id,
      requests: requests.length,
      round: entry.round,
    });
    return true;
  }

  async #waitAndCollect(entries: ProviderBatchState[], round: number): Promise<void> {
    const host = this.#host;
    const open = new Set(entries.filter((entry) => entry.id !== undefined));
    const infos = new Map<string, BatchInfo>();
    while (open.size > 0 && !host.stopSignal.aborted) {
      for (const entry of [...open]) {
        const id = entry.id as string;
        let info: BatchInfo;
        try {
          info = await host.governor.run(
            (_attempt, signal) => host.batch.retrieve(id, { signal }),
            host.callSignal,
          );
        } catch (cause) {
          host.callFailed(cause);
          if (host.stopSignal.aborted) return;
          continue;
        }
        infos.set(id, info);
        if (info.status !== 'ended') continue;
        if (await this.#collect(entry)) {
          open.delete(entry);
          host.emit({ type: 'batch', action: 'ended', batchId: id, requests: entry.requestCount, round });
        }
        if (host.stopSignal.aborted) return;
      }
      host.emitProgress(summarise(round, entries.length, infos));
      if (open.size > 0) await sleep(host.config.batchPollIntervalMs, host.stopSignal);
    }
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
    const host = this.#host;
    const id = entry.id as string;
    const failures = { errored: 0, expired: 0, canceled: 0 };
    let firstError: string | undefined;
    host.holdStateWrites(true);
    try {
      for await (const line of host.batch.results(id, {
        signal: host.callSignal,
        ...(host.output && { output: host.output }),
      })) {
        // Unknown, or handled already (earlier in this read, in an earlier read, or before a restart).
        const planned = entry.requests[line.customId];
        if (!planned) continue;
        const key = `${id} ${line.customId}`;
        const reservation = this.#reservations.get(key);
        this.#reservations.delete(key);
        if (line.status === 'succeeded') {
          const cost = host.recordUsage(line.result.usage);
          // A batch re-attached after a restart holds no reservation: its spending still counts.
          const held = reservation ?? host.budget?.reserve(0);
          if (held) host.budget?.settle(held, cost ?? 0);
          for (const warning of line.result.warnings) host.warn(warning);
          await host.process(line.result, planned[0], planned[1]);
        } else {
          if (reservation) host.budget?.release(reservation);
          failures[line.status] += 1;
          firstError ??= line.error.message;
          host.failedRequest();
        }
        this.#settle(line.customId);
        Reflect.deleteProperty(entry.requests, line.customId);
        await host.saveState();
      }
    } catch (cause) {
      host.holdStateWrites(false);
      host.callFailed(cause);
      return false;
    }
    const missing = Object.keys(entry.requests);
    for (const customId of missing) {
      const reservation = this.#reservations.get(`${id} ${customId}`);
      if (reservation) host.budget?.release(reservation);
      this.#reservations.delete(`${id} ${customId}`);
      host.failedRequest();
      this.#settle(customId);
    }
    const failed = failures.errored + failures.expired + failures.canceled + missing.length;
    if (failed > 0) {
      const parts = [
        failures.errored > 0 && `${failures.errored} errored`,
        failures.expired > 0 && `${failures.expired} expired`,
        failures.canceled > 0 && `${failures.canceled} cancelled`,
        missing.length > 0 && `${missing.length} without a result`,
      ].filter(Boolean);
      const topUp = host.config.batchTopUp === 'online' ? 'with online calls' : 'with another batch';
      host.warn(
        `${failed} of ${entry.requestCount} requests of batch ${id} failed (${parts.join(', ')})${firstError ? `: ${firstError}` : ''} The shortfall is topped up ${topUp}.`,
        { once: false },
      );
    }
    entry.status = 'collected';
    entry.requests = {};
    host.holdStateWrites(false);
    await host.saveState();
    return true;
  }
}

function newEntry(round: number): ProviderBatchState {
  return { round, requests: {}, requestCount: 0, status: 'planned' };
}

function summarise(round: number, batches: number, infos: Map<string, BatchInfo>): BatchProgress {
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

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener('abort', done, { once: true });
  });
}
