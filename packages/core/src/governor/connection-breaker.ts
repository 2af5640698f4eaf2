import { ProviderError } from '@datasynth/providers';

/** Why the breaker opened: nothing could be reached, or calls kept getting no answer in time. */
export type BreakerCause = 'unreachable' | 'timeouts';

/** An endpoint other than the run's model server: who calls it, where, and the setting that sets it. */
export interface AuxiliaryEndpoint {
  /** `judge`. */
  role: string;
  /** The base URL without credentials (`describeEndpoint`). */
  url: string;
  /** The setting to check (`judge.baseURL`). */
  setting: string;
}

/**
 * Thrown by the governor for every call once its breaker is open: the endpoint could not be reached
 * (connection refused or reset, DNS or TLS failure before any answer) or `limit` calls in a row ran
 * into a network failure or the request timeout. Not retryable: the run stops.
 */
export class EndpointUnreachableError extends ProviderError {
  constructor(
    readonly reason: BreakerCause,
    /** Failed calls in a row when the breaker opened. */
    readonly failures: number,
    /** The last failure, as the provider adapter described it. */
    readonly last: ProviderError,
    /** Whose endpoint it is, when not the run's model server (the judge's). */
    readonly endpoint?: AuxiliaryEndpoint,
  ) {
    super({
      kind: last.kind,
      message: last.message,
      retryable: false,
      ...(last.provider !== undefined && { provider: last.provider }),
    });
  }

  /** The same failure, named as `endpoint`'s. */
  at(endpoint: AuxiliaryEndpoint): EndpointUnreachableError {
    return new EndpointUnreachableError(this.reason, this.failures, this.last, endpoint);
  }

  static is(value: unknown): value is EndpointUnreachableError {
    return value instanceof EndpointUnreachableError;
  }
}

/**
 * Counts connection failures and timeouts across all calls of one governor. Before the endpoint has
 * answered anything, a network failure opens the breaker at once (nothing listens, the name does not
 * resolve, TLS fails: retrying cannot help). After that, `limit` network failures or timeouts in a
 * row open it. Any answer (an HTTP error included: the server is there) resets the count.
 */
export class ConnectionBreaker {
  readonly #limit: number;
  #answered = false;
  #inARow = 0;
  #open: EndpointUnreachableError | undefined;

  constructor(limit = 3) {
    this.#limit = limit;
  }

  /** The error every call gets once the breaker is open. */
  get open(): EndpointUnreachableError | undefined {
    return this.#open;
  }

  /** The endpoint answered (with a result or an HTTP error). */
  onAnswer(): void {
    this.#answered = true;
    this.#inARow = 0;
  }

  /** Records a failed attempt; returns the error to throw when this failure opens the breaker. */
  onFailure(error: ProviderError): EndpointUnreachableError | undefined {
    if (this.#open) return this.#open;
    if (error.kind !== 'network' && error.kind !== 'timeout') {
      // A status code is an answer; anything without one (aborted, local) says nothing either way.
      if (error.status !== undefined) this.onAnswer();
      return undefined;
    }
    this.#inARow += 1;
    if (error.kind === 'network' && !this.#answered) {
      this.#open = new EndpointUnreachableError('unreachable', this.#inARow, error);
    } else if (this.#inARow >= this.#limit) {
      this.#open = new EndpointUnreachableError(
        error.kind === 'timeout' ? 'timeouts' : 'unreachable',
        this.#inARow,
        error,
      );
    }
    return this.#open;
  }
}
