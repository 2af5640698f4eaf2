import { setMaxListeners } from 'node:events';
import {
  type Budget,
  formatUsd,
  maxCostOfRequest,
  type PriceOverrides,
  type Reservation,
} from '@datasynth/cost';
import {
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  ProviderError,
  toProviderError,
  type Usage,
} from '@datasynth/providers';
import { type AuxiliaryEndpoint, EndpointUnreachableError } from '../governor/connection-breaker.js';
import type { Governor } from '../governor/governor.js';
import { BudgetDeferral, BudgetRefusal } from './budget-signals.js';
import { capStop } from './cap-stop.js';
import { describeUnreachable } from './describe-unreachable.js';
import type { Warn } from './run-events.js';
import type { RunStop, RunTally } from './run-tally.js';

export interface CallGateOptions {
  /** Cost and request counters: every call is metered here. */
  tally: RunTally;
  /** The run's governor (generation calls, provider batch calls); halted when the run stops. */
  governor: Governor;
  /** The spending cap left for this session; undefined without `maxCost`. */
  budget: Budget | undefined;
  maxCost: number | undefined;
  maxRetries: number;
  /** Where the calls go (the base URL, or the provider's API), named when it cannot be reached. */
  endpoint: string;
  /** The per-call time limit (`requestTimeoutMs`), named when calls keep timing out. */
  requestTimeoutMs: number;
  prices?: PriceOverrides;
  warn: Warn;
  /** A call got no answer within `requestTimeoutMs` (the run makes its next calls smaller). */
  onTimeout?: () => void;
  /** An attempt failed or was retried: the counters in the tally changed. */
  onAttemptFailed?: () => void;
}

/** One call of a run: its model, governor, request per attempt, and the tokens to reserve for. */
export interface GatedCall {
  model: LanguageModel;
  governor: Governor;
  /** The request of each attempt (the temperature may rise per retry). */
  request: (attempt: number) => GenerateRequest;
  /** Input tokens of the request (0 without a budget: nothing is reserved by them then). */
  inputTokens: number;
  /** Pass the provider's warnings on (generation calls do; judge and topic calls do not). */
  passOnWarnings?: boolean;
  /** Still sent while the run stops (judging records already paid for). */
  evenWhileStopping?: boolean;
  /** The first attempt's hold on the budget, taken when the call was planned ({@link CallGate.hold}). */
  reservation?: Reservation;
  /** Where the call goes when that is not the run's model server (the judge's base URL). */
  endpoint?: AuxiliaryEndpoint;
}

/**
 * Whether a call may be sent, and what it cost: refuses calls once the run stops, holds every call
 * (online or in a provider batch) to the budget — reserve the worst case, settle the real cost,
 * release on failure — meters usage per model, feeds rate-limit headers to the governor, and turns a
 * failure into a stop decision (budget, quota, auth) or a warning. It keeps the run's stop decision
 * and the two signals that carry it: `stopSignal` (waiting ends at once) and `callSignal` (calls in
 * flight are aborted, after the cancel grace period).
 */
export class CallGate {
  readonly #options: CallGateOptions;
  readonly #calls = new AbortController();
  readonly #stopping = new AbortController();
  #stop: RunStop | undefined;
  /** Calls waiting for room on the budget: woken when a reservation is settled or released. */
  readonly #waitingForRoom = new Set<() => void>();
  /** The largest worst case of one generation call so far (what the cap holds back for a last call). */
  #largestWorstCase = 0;

  constructor(options: CallGateOptions) {
    this.#options = options;
    // Every queued and in-flight call listens on the run's signal: many listeners are expected.
    setMaxListeners(0, this.#calls.signal, this.#stopping.signal);
  }

  /** The stop decided so far (the first one asked for wins). */
  get stop(): RunStop | undefined {
    return this.#stop;
  }

  /** Aborts calls in flight. */
  get callSignal(): AbortSignal {
    return this.#calls.signal;
  }

  /** Fires on the first stop request. */
  get stopSignal(): AbortSignal {
    return this.#stopping.signal;
  }

  /** Decides to stop (a later decision does not replace the first): no new call is sent. */
  requestStop(stop: RunStop): void {
    if (!this.#stop) this.#stop = stop;
    this.#stopping.abort();
    // Calls waiting for a slot or sleeping before a retry give up now; calls in flight finish.
    this.#options.governor.halt();
  }

  /** Aborts the calls in flight (cancellation, once its grace period is over). */
  abortCalls(): void {
    this.#calls.abort();
  }

  /** Runs a provider operation (a batch submit or poll) under the run's governor. */
  govern<T>(operation: (attempt: number, signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.#options.governor.run(operation, this.#calls.signal);
  }

  /** Sends a call with retries under its governor, every attempt gated (see {@link CallGate}). */
  async send(call: GatedCall): Promise<GenerateResult> {
    try {
      return await call.governor.run(
        (attempt, signal) => this.#attempt(call, attempt, signal),
        this.#calls.signal,
      );
    } catch (error) {
      // A judge that cannot be reached is named as the judge's endpoint, not the run's.
      if (call.endpoint && EndpointUnreachableError.is(error) && !error.endpoint)
        throw error.at(call.endpoint);
      throw error;
    } finally {
      // A hold the first attempt never used (the run stopped before it was sent) goes back.
      if (call.reservation) this.#release(call.reservation);
    }
  }

  /**
   * The most records, up to `count`, whose call fits what the cap has left now: `inputTokens` (an
   * estimate) and the max output tokens of a call for n records (`maxTokensFor`) at the dearest
   * rates. `count` without a cap; 0 when not even one record fits.
   */
  affordableCount(
    model: string,
    count: number,
    inputTokens: number,
    maxTokensFor: (records: number) => number,
  ): number {
    const { budget } = this.#options;
    if (!budget) return count;
    const room = budget.remaining;
    let fits = count;
    while (fits > 0 && this.#worstCase(model, maxTokensFor(fits), inputTokens, false) > room) fits -= 1;
    return fits;
  }

  /**
   * Holds a planned call's worst case on the budget before it is sent: undefined without a cap,
   * null when the cap has no room for it now.
   */
  hold(model: string, request: GenerateRequest, inputTokens: number): Reservation | undefined | null {
    const { budget } = this.#options;
    if (!budget) return undefined;
    const worstCase = this.#worstCase(model, request.maxTokens, inputTokens, false);
    this.#largestWorstCase = Math.max(this.#largestWorstCase, worstCase);
    return budget.reserve(worstCase) ?? null;
  }

  /**
   * Stops a resumed run before any call: earlier sessions spent its cap. Names the cap that can
   * finish it, with the worst case of a call of `inputTokens` and `maxOutputTokens` held for the last call.
   */
  stopAlreadyAtCap(model: string, inputTokens: number, maxOutputTokens: number): void {
    const worstCase = this.#worstCase(model, maxOutputTokens, inputTokens, false);
    this.requestStop(
      capStop(this.#options.tally, this.#options.maxCost ?? 0, worstCase, { alreadySpent: true }),
    );
  }

  /**
   * Stops the run at the cap: not even a call for one record (`inputTokens`, `maxOutputTokens`) fits
   * what is left of it, with nothing in flight.
   */
  stopAtCap(model: string, inputTokens: number, maxOutputTokens: number): void {
    const worstCase = this.#worstCase(model, maxOutputTokens, inputTokens, false);
    this.fail(new BudgetRefusal(Math.max(worstCase, this.#largestWorstCase)));
  }

  /**
   * A call that is not a generation batch (judge, topics): gated like any other, sent even while the
   * run stops (until the cancel grace period aborts it), its provider warnings not passed on.
   */
  sendAuxiliary(
    model: LanguageModel,
    governor: Governor,
    request: GenerateRequest,
    inputTokens: number,
    endpoint?: AuxiliaryEndpoint,
  ): Promise<GenerateResult> {
    const { temperature, ...rest } = request;
    const sent = model.provider === 'anthropic' || temperature === undefined ? rest : request;
    return this.send({
      model,
      governor,
      request: () => sent,
      inputTokens,
      evenWhileStopping: true,
      ...(endpoint && { endpoint }),
    });
  }

  /**
   * Reserves a provider batch request's worst case at batch prices: undefined without a cap, null
   * when the cap refuses it (the run is then stopped).
   */
  reserveBatchRequest(
    model: string,
    request: GenerateRequest,
    inputTokens: number,
  ): Reservation | undefined | null {
    const { budget, maxCost } = this.#options;
    if (!budget) return undefined;
    const worstCase = this.#worstCase(model, request.maxTokens, inputTokens, true);
    const reservation = budget.reserve(worstCase);
    if (reservation) return reservation;
    this.requestStop(capStop(this.#options.tally, maxCost ?? 0, worstCase));
    return null;
  }

  /**
   * Meters a provider batch result at batch prices and settles its reservation. A request re-attached
   * after a restart holds none: its spending still counts against the cap.
   */
  settleBatchResult(model: string, reservation: Reservation | undefined, usage: Usage): void {
    const cost = this.#options.tally.meter.record(model, usage, { batch: true });
    const budget = this.#options.budget;
    const held = reservation ?? budget?.reserve(0);
    if (held) budget?.settle(held, cost ?? 0);
    this.#wakeWaiting();
  }

  /** Gives back a reservation whose request was never answered. */
  release(reservation: Reservation | undefined): void {
    if (reservation) this.#release(reservation);
  }

  #release(reservation: Reservation): void {
    this.#options.budget?.release(reservation);
    this.#wakeWaiting();
  }

  /** Turns a failed call into a stop decision (budget, quota, auth, invalid request) or a warning. */
  fail(cause: unknown): void {
    const { tally, maxCost, maxRetries, warn } = this.#options;
    if (cause instanceof BudgetDeferral) return;
    if (cause instanceof BudgetRefusal) {
      if (tally.requests > 0) {
        this.requestStop(capStop(tally, maxCost ?? 0, Math.max(cause.worstCase, this.#largestWorstCase)));
        return;
      }
      const cap = formatUsd(maxCost ?? 0);
      this.requestStop({
        reason: 'budget',
        message: `The ${cap} maxCost cap is below the worst-case cost of a single call (${formatUsd(cause.worstCase)}): raise the cap or lower the batch size.`,
      });
      return;
    }
    if (EndpointUnreachableError.is(cause)) {
      const { endpoint, requestTimeoutMs } = this.#options;
      const message = describeUnreachable(cause, { endpoint, requestTimeoutMs, accepted: tally.accepted });
      this.requestStop({ reason: 'unreachable', message });
      return;
    }
    const error = toProviderError(cause);
    if (error.kind === 'aborted') return;
    if (error.kind === 'quota') {
      this.requestStop({ reason: 'quota', message: `${error.message} The run is saved: resume later.` });
      return;
    }
    if (error.kind === 'auth' || error.kind === 'invalid_request') {
      // Every further call would fail the same way: stop with the provider's reason.
      this.requestStop({ reason: 'error', message: error.message });
      return;
    }
    tally.failedRequests += 1;
    warn(
      error.retryable
        ? `A call failed after ${maxRetries} retries: ${error.message}`
        : `A call failed: ${error.message}`,
      { once: false },
    );
  }

  /** One attempt: refused while the run stops, held to the budget, metered, fed to the governor. */
  async #attempt(call: GatedCall, attempt: number, signal: AbortSignal): Promise<GenerateResult> {
    const { tally, budget, warn } = this.#options;
    if (this.#stop && !call.evenWhileStopping) {
      throw new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
    }
    const request = call.request(attempt);
    let reservation: Reservation | undefined;
    if (attempt === 0 && call.reservation) {
      reservation = call.reservation;
    } else if (budget) {
      const worstCase = this.#worstCase(call.model.modelId, request.maxTokens, call.inputTokens, false);
      // With room, held at once: the attempt counts as in flight before any other attempt looks.
      reservation = budget.reserve(worstCase) ?? (await this.#reserveWhenRoom(call, worstCase, signal));
    }
    tally.requests += 1;
    if (attempt > 0) tally.retries += 1;
    tally.inFlight += 1;
    let failed = false;
    try {
      const result = await call.model.generate(request, { signal });
      const cost = tally.meter.record(call.model.modelId, result.usage);
      if (budget && reservation) {
        budget.settle(reservation, cost ?? 0);
        this.#wakeWaiting();
      }
      call.governor.observe(result.rateLimit, result.usage);
      if (call.passOnWarnings) for (const warning of result.warnings) warn(warning);
      return result;
    } catch (error) {
      if (reservation) this.#release(reservation);
      if (ProviderError.isInstance(error) && error.kind === 'timeout') this.#options.onTimeout?.();
      failed = true;
      throw error;
    } finally {
      tally.inFlight -= 1;
      if (failed) this.#options.onAttemptFailed?.();
    }
  }

  /**
   * Holds an attempt's worst case on the budget. While other calls hold part of it, a refusal waits
   * for one of them to settle (what they really cost is usually far below their hold) and tries
   * again; only a refusal with nothing else held is final: the run is at its cap. When what holds
   * the cap is only calls not yet sent (waiting for a slot, which this attempt holds), waiting could
   * never end: the call is dropped instead.
   */
  async #reserveWhenRoom(call: GatedCall, worstCase: number, signal: AbortSignal): Promise<Reservation> {
    const budget = this.#options.budget!;
    for (;;) {
      const reservation = budget.reserve(worstCase);
      if (reservation) return reservation;
      if (budget.reserved === 0) throw new BudgetRefusal(worstCase);
      if (this.#options.tally.inFlight === 0) throw new BudgetDeferral();
      await this.#roomOrStop(signal);
      if (signal.aborted || (this.#stop && !call.evenWhileStopping)) {
        throw new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
      }
    }
  }

  /** Waits until a reservation is settled or released, the run stops, or `signal` aborts. */
  #roomOrStop(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#waitingForRoom.delete(done);
        signal.removeEventListener('abort', done);
        this.#stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      if (signal.aborted || this.#stopping.signal.aborted) return done();
      this.#waitingForRoom.add(done);
      signal.addEventListener('abort', done, { once: true });
      this.#stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  #wakeWaiting(): void {
    for (const wake of [...this.#waitingForRoom]) wake();
  }

  #worstCase(model: string, maxOutputTokens: number, inputTokens: number, batch: boolean): number {
    const { prices } = this.#options;
    return (
      maxCostOfRequest({
        model,
        inputTokens,
        maxOutputTokens,
        ...(batch && { batch: true }),
        ...(prices && { overrides: prices }),
      }) ?? 0
    );
  }
}
