import type OpenAI from 'openai';
import { toFile } from 'openai';
import { checkBatchRequests } from '../batch/check-batch-requests.js';
import { batchReadingRequest, readBatchAnswer } from '../batch/read-batch-answer.js';
import { readJsonLines } from '../batch/read-json-lines.js';
import { SdkBatch, type SdkBatchHost } from '../batch/sdk-batch.js';
import { openAIBatchLineError } from '../errors/batch-line-error.js';
import type {
  BatchInfo,
  BatchRequest,
  BatchResultLine,
  BatchResultsOptions,
} from '../spec/batch-capability.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import { ProviderError } from '../spec/provider-error.js';
import type { OpenAIRequest } from './convert-to-openai-request.js';
import type { OpenAICompatProfile, OpenAIOutputMode } from './openai-compat-profile.js';
import { readOpenAICompletion } from './read-openai-completion.js';

/** What the batch API needs from its model: the model's own conversion and call wrapper. */
export interface OpenAIBatchHost extends SdkBatchHost<OpenAI> {
  profile: OpenAICompatProfile;
  /** Converts a request exactly as `generate` would now (current output mode). */
  convert(request: GenerateRequest): { converted: OpenAIRequest; mode: OpenAIOutputMode };
}

const ENDPOINT = '/v1/chat/completions';
/** The Batch API (over the Files API) of one OpenAI chat model. */
export class OpenAIBatch extends SdkBatch<OpenAI, OpenAIBatchHost> {
  /** OpenAI Batch: a JSONL file of at most 50,000 requests and 200 MB, processed within 24 hours. */
  constructor(host: OpenAIBatchHost) {
    super(host, { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 });
  }

  async submit(requests: readonly BatchRequest[], options?: GenerateOptions): Promise<BatchInfo> {
    const lines = requests.map(({ customId, request }) =>
      JSON.stringify({
        custom_id: customId,
        method: 'POST',
        url: ENDPOINT,
        body: this.host.convert(request).converted.params,
      }),
    );
    checkBatchRequests(
      requests,
      lines.map((line) => Buffer.byteLength(line) + 1),
      this.limits,
      this.host.profile.provider,
    );
    const content = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const file = await this.host.call(options?.signal, async (client, requestOptions) =>
      client.files.create(
        { file: await toFile(content, 'datasynth-batch.jsonl'), purpose: 'batch' },
        requestOptions,
      ),
    );
    const batch = await this.host.call(options?.signal, (client, requestOptions) =>
      client.batches.create(
        { input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h' },
        requestOptions,
      ),
    );
    return toBatchInfo(batch);
  }

  async retrieve(id: string, options?: GenerateOptions): Promise<BatchInfo> {
    return toBatchInfo(await this.#retrieve(id, options?.signal));
  }

  async cancel(id: string, options?: GenerateOptions): Promise<BatchInfo> {
    const batch = await this.host.call(options?.signal, (client, requestOptions) =>
      client.batches.cancel(id, requestOptions),
    );
    return toBatchInfo(batch);
  }

  async *results(id: string, options: BatchResultsOptions = {}): AsyncGenerator<BatchResultLine> {
    const batch = await this.#retrieve(id, options.signal);
    if (toBatchInfo(batch).status !== 'ended') {
      throw new ProviderError({
        kind: 'invalid_request',
        message: `Batch ${id} has not ended yet (status ${batch.status}); read its results once it has.`,
        provider: this.host.profile.provider,
      });
    }
    const request = batchReadingRequest(options.output);
    const { converted, mode } = this.host.convert(request);
    const context = this.lineErrorContext();
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      const response = await this.host.call(options.signal, (client, requestOptions) =>
        client.files.content(fileId, requestOptions),
      );
      for await (const value of readJsonLines(response.body)) {
        const line = (typeof value === 'object' && value !== null ? value : {}) as OpenAIBatchOutputLine;
        const customId = typeof line.custom_id === 'string' ? line.custom_id : '';
        const code = line.error?.code;
        if (line.response?.status_code === 200 && line.response.body) {
          const body = line.response.body;
          const requestId = line.response.request_id ?? undefined;
          yield readBatchAnswer(customId, () =>
            readOpenAICompletion({
              completion: body,
              modelId: this.host.modelId,
              profile: this.host.profile,
              converted,
              mode,
              output: options.output,
              warnings: [],
              requestId,
            }),
          );
        } else if (code === 'batch_expired') {
          yield {
            customId,
            status: 'expired',
            error: this.#neverProcessed('expired (24 h window)', 'timeout'),
          };
        } else if (code === 'batch_cancelled' || code === 'batch_canceled') {
          yield { customId, status: 'canceled', error: this.#neverProcessed('was cancelled', 'aborted') };
        } else {
          yield { customId, status: 'errored', error: openAIBatchLineError(line, context) };
        }
      }
    }
  }

  #neverProcessed(what: string, kind: 'timeout' | 'aborted'): ProviderError {
    return new ProviderError({
      kind,
      message: `This batch request was not processed: the batch ${what}.${kind === 'timeout' ? ' Send it again.' : ''}`,
      provider: this.host.profile.provider,
    });
  }

  #retrieve(id: string, signal: AbortSignal | undefined): Promise<OpenAI.Batches.Batch> {
    return this.host.call(signal, (client, requestOptions) => client.batches.retrieve(id, requestOptions));
  }
}

/** One line of an OpenAI batch output or error file. */
interface OpenAIBatchOutputLine {
  custom_id?: unknown;
  response?: { status_code?: number; request_id?: string | null; body?: OpenAI.Chat.ChatCompletion } | null;
  error?: { code?: string; message?: string } | null;
}

function toBatchInfo(batch: OpenAI.Batches.Batch): BatchInfo {
  const counts = batch.request_counts ?? { total: 0, completed: 0, failed: 0 };
  const ended = ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status);
  const unprocessed = Math.max(0, counts.total - counts.completed - counts.failed);
  return {
    id: batch.id,
    status: ended ? 'ended' : batch.status === 'cancelling' ? 'canceling' : 'in_progress',
    counts: {
      total: counts.total,
      processing: ended ? 0 : unprocessed,
      succeeded: counts.completed,
      errored: counts.failed,
      expired: batch.status === 'expired' ? unprocessed : 0,
      canceled: batch.status === 'cancelled' ? unprocessed : 0,
    },
    createdAt: new Date(batch.created_at * 1000).toISOString(),
    ...(batch.expires_at ? { expiresAt: new Date(batch.expires_at * 1000).toISOString() } : {}),
  };
}
