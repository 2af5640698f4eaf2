import { answerAnthropic, parseAnthropicRequest } from './anthropic-messages.js';
import { ApiReplies } from './api-replies.js';
import { BatchStore, type BatchWireFormat } from './batch-store.js';
import { type HttpExchange, parseJson, sendJson, sendText } from './http-exchange.js';
import { isPlainObject } from './json-schema.js';
import { type ErrorResponse, providerError } from './provider-errors.js';
import type { SeededRandom } from './seeded-random.js';
import type { ServerContext } from './server-context.js';

interface BatchRequest {
  customId: string;
  params: unknown;
  random: SeededRandom;
}

interface AnthropicBatch {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt?: Date;
  cancelInitiatedAt?: Date;
  requests: BatchRequest[];
  counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  results: string[];
}

/** The Anthropic Message Batches API (`/v1/messages/batches…`), processed in memory. */
export class AnthropicBatches implements BatchWireFormat<AnthropicBatch> {
  readonly replies: ApiReplies;
  /** List, retrieve and cancel, shared with the other batch APIs. */
  readonly store: BatchStore<AnthropicBatch>;
  readonly #context: ServerContext;

  constructor(context: ServerContext) {
    this.#context = context;
    this.replies = new ApiReplies(context, {
      provider: 'anthropic',
      requestIdHeader: 'request-id',
      requestIdPrefix: 'req_testkit_',
    });
    this.store = new BatchStore(context, this);
  }

  /** `POST /v1/messages/batches`. */
  async create(exchange: HttpExchange): Promise<void> {
    const raw = await this.replies.authorizedBody(exchange);
    if (!raw) return;
    const body = parseJson(raw);
    if (body === undefined) return this.#fail(exchange, invalid('Request body is not valid JSON.'));
    const requests = isPlainObject(body) && Array.isArray(body.requests) ? body.requests : undefined;
    if (!requests || requests.length === 0)
      return this.#fail(exchange, invalid('requests: at least one request is required'));
    const seen = new Set<string>();
    const batchRequests: BatchRequest[] = [];
    for (const entry of requests) {
      if (!isPlainObject(entry) || typeof entry.custom_id !== 'string' || !isPlainObject(entry.params)) {
        return this.#fail(exchange, invalid('requests: each request needs a custom_id and params'));
      }
      if (seen.has(entry.custom_id))
        return this.#fail(exchange, invalid(`requests: duplicate custom_id '${entry.custom_id}'`));
      seen.add(entry.custom_id);
      batchRequests.push({
        customId: entry.custom_id,
        params: entry.params,
        random: this.#context.engine.requestRandom(),
      });
    }
    const createdAt = new Date();
    const batch: AnthropicBatch = {
      id: this.#context.ids.next('msgbatch_testkit_'),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 24 * 3_600_000),
      requests: batchRequests,
      counts: { processing: batchRequests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      results: [],
    };
    this.store.add(batch, true);
    sendJson(exchange, 200, this.view(batch), this.replies.headers());
  }

  /** `GET /v1/messages/batches/:id/results`: JSONL, one line per request. */
  async results(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.store.find(exchange, id);
    if (!batch) return;
    if (!batch.endedAt) {
      return this.#fail(
        exchange,
        providerError('anthropic', 'not_found', `Batch ${id} has not ended yet; results are not available.`),
      );
    }
    const text = batch.results.map((line) => `${line}\n`).join('');
    sendText(exchange, 200, text, { 'content-type': 'application/binary', ...this.replies.headers() });
  }

  listPage(data: { id: string }[]): Record<string, unknown> {
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  }

  notFound(id: string): ErrorResponse {
    return providerError('anthropic', 'not_found', `Batch not found: ${id}`);
  }

  beginCancel(batch: AnthropicBatch): boolean {
    if (batch.endedAt || batch.cancelInitiatedAt) return false;
    batch.cancelInitiatedAt = new Date();
    return true;
  }

  finish(batch: AnthropicBatch): void {
    if (batch.endedAt) return;
    const { batch: settings } = this.#context.options;
    for (const request of batch.requests) {
      let result: Record<string, unknown>;
      if (batch.cancelInitiatedAt) {
        result = { type: 'canceled' };
        batch.counts.canceled += 1;
      } else if (settings?.expireAll) {
        result = { type: 'expired' };
        batch.counts.expired += 1;
      } else {
        result = this.#process(request);
        if (result.type === 'succeeded') batch.counts.succeeded += 1;
        else batch.counts.errored += 1;
      }
      batch.results.push(JSON.stringify({ custom_id: request.customId, result }));
    }
    batch.counts.processing = 0;
    batch.endedAt = new Date();
  }

  #process(request: BatchRequest): Record<string, unknown> {
    const errorRate = this.#context.options.batch?.errorRate ?? 0;
    if (request.random.next() < errorRate) {
      return errored(
        providerError('anthropic', 'server', 'Internal server error while processing this request.'),
      );
    }
    const parsed = parseAnthropicRequest(request.params, {
      requireMaxTokens: true,
      rejectNativeStructuredOutput: this.#context.options.rejectNativeStructuredOutput ?? false,
    });
    if ('status' in parsed) return errored(parsed);
    this.#context.stats.structured(parsed.mode);
    this.#context.stats.cacheControlBlocks(parsed.cacheControlBlocks);
    const { message, answer, usage } = answerAnthropic(this.#context, parsed, {
      outcome: 'complete',
      random: request.random,
      serviceTier: 'batch',
    });
    this.#context.engine.commit(answer);
    this.#context.stats.delivered(usage, answer.delivered);
    return { type: 'succeeded', message };
  }

  view(batch: AnthropicBatch) {
    const status = batch.endedAt ? 'ended' : batch.cancelInitiatedAt ? 'canceling' : 'in_progress';
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: status,
      request_counts: { ...batch.counts },
      created_at: batch.createdAt.toISOString(),
      expires_at: batch.expiresAt.toISOString(),
      ended_at: batch.endedAt?.toISOString() ?? null,
      cancel_initiated_at: batch.cancelInitiatedAt?.toISOString() ?? null,
      archived_at: null,
      results_url: batch.endedAt ? `${this.#context.url()}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  #fail(exchange: HttpExchange, error: ErrorResponse): void {
    this.replies.fail(exchange, error);
  }
}

function invalid(message: string): ErrorResponse {
  return providerError('anthropic', 'invalid_request', message);
}

function errored(error: ErrorResponse): Record<string, unknown> {
  return { type: 'errored', error: error.body };
}
