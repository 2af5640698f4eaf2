import type { ErrorContext } from '../errors/normalize-provider-error.js';
import type { SdkCall } from '../request/call-with-deadline.js';
import type {
  BatchCapability,
  BatchInfo,
  BatchLimits,
  BatchRequest,
  BatchResultLine,
  BatchResultsOptions,
} from '../spec/batch-capability.js';
import type { GenerateOptions } from '../spec/generate-request.js';

/** What every batch API needs from its model; each adapter adds its own conversion. */
export interface SdkBatchHost<Client> {
  modelId: string;
  errorContext(): ErrorContext;
  /** Runs one SDK call under the request deadline, normalising what it throws. */
  call: SdkCall<Client>;
}

/**
 * The part every provider's batch API shares: its limits, the model it serves, SDK calls under
 * the model's deadline, and the error context of one result line. Subclasses supply the wire
 * format (how requests are sent, how results are read).
 */
export abstract class SdkBatch<Client, Host extends SdkBatchHost<Client>> implements BatchCapability {
  readonly limits: BatchLimits;
  protected readonly host: Host;

  protected constructor(host: Host, limits: BatchLimits) {
    this.host = host;
    this.limits = limits;
  }

  abstract submit(requests: readonly BatchRequest[], options?: GenerateOptions): Promise<BatchInfo>;
  abstract retrieve(id: string, options?: GenerateOptions): Promise<BatchInfo>;
  abstract cancel(id: string, options?: GenerateOptions): Promise<BatchInfo>;
  abstract results(id: string, options?: BatchResultsOptions): AsyncGenerator<BatchResultLine>;

  /** The context a failed result line's error is built with. */
  protected lineErrorContext(): ErrorContext {
    return { ...this.host.errorContext(), modelId: this.host.modelId };
  }
}
