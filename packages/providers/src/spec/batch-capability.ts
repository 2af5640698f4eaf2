import type { GenerateOptions, GenerateRequest, StructuredOutputRequest } from './generate-request.js';
import type { GenerateResult } from './generate-result.js';
import type { ProviderError } from './provider-error.js';

/** One request of a batch, named by the caller so its answer can be matched back. */
export interface BatchRequest {
  /**
   * The caller's id for this request, unique within the batch: `[A-Za-z0-9_-]{1,64}` (Anthropic's
   * rule, which every adapter enforces so ids are portable).
   */
  customId: string;
  /** The request, converted to the provider's wire format exactly as `generate` converts it. */
  request: GenerateRequest;
}

/** Where a provider batch is: still working, cancelling, or done (results can be read). */
export type BatchStatus = 'in_progress' | 'canceling' | 'ended';

/** How many requests of a batch are where. */
export interface BatchRequestCounts {
  /** Requests in the batch. */
  total: number;
  /** Not processed yet. */
  processing: number;
  /** Answered. */
  succeeded: number;
  /** Failed (the result line carries the error). */
  errored: number;
  /** Not processed before the batch's completion window ended. */
  expired: number;
  /** Cancelled before they were processed. */
  canceled: number;
}

/** What the provider says about a batch. */
export interface BatchInfo {
  /** The provider's batch id: durable, keep it to re-attach after a restart. */
  id: string;
  /** Where the batch is. */
  status: BatchStatus;
  /** Request counts (the provider's own figures). */
  counts: BatchRequestCounts;
  /** When the batch was created (ISO 8601), when known. */
  createdAt?: string;
  /** When the provider gives up on unprocessed requests (ISO 8601), when known. */
  expiresAt?: string;
}

/** The outcome of one request of an ended batch. */
export type BatchResultLine =
  | {
      /** The request's custom id. */
      customId: string;
      status: 'succeeded';
      /** The answer, read exactly as `generate` reads an online answer (no rate-limit snapshot). */
      result: GenerateResult;
    }
  | {
      /** The request's custom id. */
      customId: string;
      /** `errored`: the request failed; `expired` / `canceled`: it was never processed. */
      status: 'errored' | 'expired' | 'canceled';
      /**
       * Normalised like an online failure (kind, retryable, message that says what to do). An
       * answer that would have thrown online (an empty completion) comes back here too.
       */
      error: ProviderError;
    };

/** Options of {@link BatchCapability.results}. */
export interface BatchResultsOptions extends GenerateOptions {
  /**
   * The structured output the batch's requests asked for (the same for every request). Needed to
   * read structured answers back as `object`, also in a process other than the one that submitted.
   */
  output?: StructuredOutputRequest;
}

/** What one provider batch may hold. */
export interface BatchLimits {
  /** Most requests per batch. */
  maxRequests: number;
  /** Most bytes of serialised requests per batch. */
  maxBytes: number;
}

/**
 * A provider's batch API (Anthropic Message Batches, OpenAI Batch): asynchronous processing at a
 * discount, typically within 24 hours. Every method throws a `ProviderError` on failure, like
 * `generate`; none retries.
 */
export interface BatchCapability {
  /** What one batch may hold; `submit` refuses more with kind `invalid_request`. */
  readonly limits: BatchLimits;
  /** Creates one provider batch from the requests; resolves once the provider has accepted it. */
  submit(requests: readonly BatchRequest[], options?: GenerateOptions): Promise<BatchInfo>;
  /** The batch's current status and counts. */
  retrieve(id: string, options?: GenerateOptions): Promise<BatchInfo>;
  /**
   * The result of every request of an ended batch, streamed as the provider's JSONL is read, in
   * the provider's order (not necessarily submission order). Throws when the batch has not ended.
   */
  results(id: string, options?: BatchResultsOptions): AsyncIterable<BatchResultLine>;
  /** Asks the provider to cancel the batch; it then moves to `canceling` and ends. */
  cancel(id: string, options?: GenerateOptions): Promise<BatchInfo>;
}
