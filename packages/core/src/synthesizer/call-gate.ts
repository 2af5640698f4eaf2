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
import { EndpointUnreachableError } from '../governor/connection-breaker.js';
import type { Governor } from '../governor/governor.js';
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
}

/** Thrown inside a gated call when the budget refuses the next request. */
class BudgetRefusal extends Error {
  constructor(readonly worstCase: number) {
    super('budget refused');
  }
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

  constructor(options: CallGateOptions) {
    this.#options = options;
    // Every queued and in-flight call listens on the run's signal: many listeners are expected.
    setMaxListeners(0, this.#calls.signal);
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
  send(call: GatedCall): Promise<GenerateResult> {
    return call.governor.run((attempt, signal) => this.#attempt(call, attempt, signal), this.#calls.signal);
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
  ): Promise<GenerateResult> {
    const { temperature, ...rest } = request;
    const sent = model.provider === 'anthropic' || temperature === undefined ? rest : request;
    return this.send({ model, governor, request: () => sent, inputTokens, evenWhileStopping: true });
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
    const reservation = budget.reserve(this.#worstCase(model, request, inputTokens, true));
    if (reservation) return reservation;
    this.requestStop({
      reason: 'budget',
      message: `Stopped before the next batch request could take spending past the ${formatUsd(maxCost ?? 0)} cap. Resume with a higher cap to continue.`,
    });
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
  }

  /** Gives back a reservation whose request was never answered. */
  release(reservation: Reservation | undefined): void {
    if (reservation) this.#options.budget?.release(reservation);
  }

  /** Turns a failed call into a stop decision (budget, quota, auth, invalid request) or a warning. */
  fail(cause: unknown): void {
    const { tally, maxCost, maxRetries, warn } = this.#options;
    if (cause instanceof BudgetRefusal) {
      const cap = formatUsd(maxCost ?? 0);
      this.requestStop({
        reason: 'budget',
        message:
          tally.requests === 0
            ? `The ${cap} cap is below the worst-case cost of a single call (${formatUsd(cause.worstCase)}): raise the cap or lower the batch size.`
            : `Stopped before the next call could take spending past the ${cap} cap. Resume with a higher cap to continue.`,
      });
      return;
    }
    if (EndpointUnreachableError.is(cause)) {
      this.requestStop({ reason: 'unreachable', message: this.#unreachableMessage(cause) });
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

  /** One line: could not reach (or no answer from) which endpoint, and what to check. */
  #unreachableMessage(error: EndpointUnreachableError): string {
    const { endpoint, requestTimeoutMs, tally } = this.#options;
    const kept =
      tally.accepted > 0
        ? 'The run is saved: resume it once the server answers.'
        : 'Nothing was accepted: a plain re-run starts afresh.';
    if (error.reason === 'timeouts') {
      return `Stopped: ${error.failures} calls in a row got no answer from ${endpoint} within ${requestTimeoutMs} ms. Check that the server is running and not stuck on an earlier request, or raise requestTimeoutMs if answers take longer. ${kept}`;
    }
    const detail = error.last.message.replace(/\s*Check the network connection and the base URL\.?$/, '');
    return `Stopped: could not reach the model server at ${endpoint} (${detail.replace(/\.$/, '')}). Check that the server is running and that baseURL, the network, DNS and TLS are right. ${kept}`;
  }

  /** One attempt: refused while the run stops, held to the budget, metered, fed to the governor. */
  async #attempt(call: GatedCall, attempt: number, signal: AbortSignal): Promise<GenerateResult> {
    const { tally, budget, warn } = this.#options;
    if (this.#stop && !call.evenWhileStopping) {
      throw new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
    }
    const request = call.request(attempt);
    let reservation: Reservation | undefined;
    if (budget) {
      const worstCase = this.#worstCase(call.model.modelId, request, call.inputTokens, false);
      reservation = budget.reserve(worstCase);
      if (!reservation) throw new BudgetRefusal(worstCase);
    }
    tally.requests += 1;
    if (attempt > 0) tally.retries += 1;
    tally.inFlight += 1;
    let failed = false;
    try {
      const result = await call.model.generate(request, { signal });
      const cost = tally.meter.record(call.model.modelId, result.usage);
      if (budget && reservation) budget.settle(reservation, cost ?? 0);
      call.governor.observe(result.rateLimit, result.usage);
      if (call.passOnWarnings) for (const warning of result.warnings) warn(warning);
      return result;
    } catch (error) {
      if (budget && reservation) budget.release(reservation);
      if (ProviderError.isInstance(error) && error.kind === 'timeout') this.#options.onTimeout?.();
      failed = true;
      throw error;
    } finally {
      tally.inFlight -= 1;
      if (failed) this.#options.onAttemptFailed?.();
    }
  }

  #worstCase(model: string, request: GenerateRequest, inputTokens: number, batch: boolean): number {
    const { prices } = this.#options;
    return (
      maxCostOfRequest({
        model,
        inputTokens,
        maxOutputTokens: request.maxTokens,
        ...(batch && { batch: true }),
        ...(prices && { overrides: prices }),
      }) ?? 0
    );
  }
}
