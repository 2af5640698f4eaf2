import type Anthropic from '@anthropic-ai/sdk';
import { checkBatchRequests } from '../batch/check-batch-requests.js';
import { batchReadingRequest, readBatchAnswer } from '../batch/read-batch-answer.js';
import { SdkBatch, type SdkBatchHost } from '../batch/sdk-batch.js';
import { anthropicBatchLineError } from '../errors/batch-line-error.js';
import type {
  BatchInfo,
  BatchRequest,
  BatchResultLine,
  BatchResultsOptions,
} from '../spec/batch-capability.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import { ProviderError } from '../spec/provider-error.js';
import type { AnthropicOutputMode, AnthropicRequest } from './convert-to-anthropic-request.js';
import { readAnthropicMessage } from './read-anthropic-message.js';

/** What the batch API needs from its model: the model's own conversion and call wrapper. */
export interface AnthropicBatchHost extends SdkBatchHost<Anthropic> {
  /** The output mode `generate` would use for this request now. */
  modeOf(request: Pick<GenerateRequest, 'output'>): AnthropicOutputMode;
  /** Converts a request exactly as `generate` does. */
  convert(request: GenerateRequest, mode: AnthropicOutputMode): AnthropicRequest;
}

/** The Message Batches API of one Claude model. */
export class AnthropicBatch extends SdkBatch<Anthropic, AnthropicBatchHost> {
  /**
   * Anthropic Message Batches. The documentation allows 100,000 requests or 256 MB per batch; the
   * API reference says 10,000, so callers that chunk (DataSynth core) default to the lower figure.
   */
  constructor(host: AnthropicBatchHost) {
    super(host, { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 });
  }

  async submit(requests: readonly BatchRequest[], options?: GenerateOptions): Promise<BatchInfo> {
    const items = requests.map(({ customId, request }) => ({
      custom_id: customId,
      params: this.host.convert(request, this.host.modeOf(request)).params,
    }));
    checkBatchRequests(
      requests,
      items.map((item) => Buffer.byteLength(JSON.stringify(item))),
      this.limits,
      'anthropic',
    );
    const batch = await this.host.call(options?.signal, (client, requestOptions) =>
      client.messages.batches.create({ requests: items }, requestOptions),
    );
    return toBatchInfo(batch);
  }

  async retrieve(id: string, options?: GenerateOptions): Promise<BatchInfo> {
    const batch = await this.host.call(options?.signal, (client, requestOptions) =>
      client.messages.batches.retrieve(id, {}, requestOptions),
    );
    return toBatchInfo(batch);
  }

  async cancel(id: string, options?: GenerateOptions): Promise<BatchInfo> {
    const batch = await this.host.call(options?.signal, (client, requestOptions) =>
      client.messages.batches.cancel(id, {}, requestOptions),
    );
    return toBatchInfo(batch);
  }

  async *results(id: string, options: BatchResultsOptions = {}): AsyncGenerator<BatchResultLine> {
    const request = batchReadingRequest(options.output);
    const mode = this.host.modeOf(request);
    const converted = this.host.convert(request, mode);
    const lines = await this.host.call(options.signal, (client, requestOptions) =>
      client.messages.batches.results(id, {}, requestOptions),
    );
    const context = this.lineErrorContext();
    for await (const line of lines) {
      if (options.signal?.aborted) {
        throw new ProviderError({
          kind: 'aborted',
          message: 'Reading the batch results was aborted.',
          provider: 'anthropic',
        });
      }
      const customId = line.custom_id;
      const outcome = line.result;
      if (outcome.type === 'succeeded') {
        yield readBatchAnswer(customId, () =>
          readAnthropicMessage({
            message: outcome.message,
            modelId: this.host.modelId,
            converted,
            mode,
            warnings: [],
          }),
        );
      } else if (outcome.type === 'errored') {
        yield { customId, status: 'errored', error: anthropicBatchLineError(outcome.error, context) };
      } else if (outcome.type === 'expired') {
        yield { customId, status: 'expired', error: expiredError() };
      } else {
        yield { customId, status: 'canceled', error: canceledError() };
      }
    }
  }
}

function toBatchInfo(batch: Anthropic.Messages.MessageBatch): BatchInfo {
  const counts = batch.request_counts;
  const status =
    batch.processing_status === 'ended'
      ? 'ended'
      : batch.processing_status === 'canceling'
        ? 'canceling'
        : 'in_progress';
  return {
    id: batch.id,
    status,
    counts: {
      total: counts.processing + counts.succeeded + counts.errored + counts.expired + counts.canceled,
      processing: counts.processing,
      succeeded: counts.succeeded,
      errored: counts.errored,
      expired: counts.expired,
      canceled: counts.canceled,
    },
    createdAt: batch.created_at,
    expiresAt: batch.expires_at,
  };
}

function expiredError(): ProviderError {
  return new ProviderError({
    kind: 'timeout',
    message: 'Anthropic did not process this batch request before the batch expired (24 h). Send it again.',
    provider: 'anthropic',
  });
}

function canceledError(): ProviderError {
  return new ProviderError({
    kind: 'aborted',
    message: 'This batch request was cancelled before Anthropic processed it.',
    provider: 'anthropic',
  });
}
