import { answerAnthropic, parseAnthropicRequest } from './anthropic-messages.js';
import { checkApiKey } from './api-key-check.js';
import { type HttpExchange, parseJson, readBody, sendJson, sendText } from './http-exchange.js';
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
export class AnthropicBatches {
  readonly #context: ServerContext;
  readonly #batches = new Map<string, AnthropicBatch>();

  constructor(context: ServerContext) {
    this.#context = context;
  }

  /** `POST /v1/messages/batches`. */
  async create(exchange: HttpExchange): Promise<void> {
    const body = await this.#authorizedBody(exchange);
    if (body === undefined) return;
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
    this.#batches.set(batch.id, batch);
    this.#context.timers.schedule(this.#context.options.batch?.processingMs ?? 50, () => this.#finish(batch));
    sendJson(exchange, 200, this.#view(batch), this.#headers());
  }

  /** `GET /v1/messages/batches`. */
  async list(exchange: HttpExchange): Promise<void> {
    if ((await this.#authorizedBody(exchange, false)) === undefined) return;
    const data = [...this.#batches.values()].reverse().map((batch) => this.#view(batch));
    sendJson(
      exchange,
      200,
      { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      this.#headers(),
    );
  }

  /** `GET /v1/messages/batches/:id`. */
  async retrieve(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.#find(exchange, id);
    if (batch) sendJson(exchange, 200, this.#view(batch), this.#headers());
  }

  /** `POST /v1/messages/batches/:id/cancel`. */
  async cancel(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.#find(exchange, id);
    if (!batch) return;
    if (!batch.endedAt && !batch.cancelInitiatedAt) {
      batch.cancelInitiatedAt = new Date();
      this.#context.timers.schedule(0, () => this.#finish(batch));
    }
    sendJson(exchange, 200, this.#view(batch), this.#headers());
  }

  /** `GET /v1/messages/batches/:id/results`: JSONL, one line per request. */
  async results(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.#find(exchange, id);
    if (!batch) return;
    if (!batch.endedAt) {
      return this.#fail(
        exchange,
        providerError('anthropic', 'not_found', `Batch ${id} has not ended yet; results are not available.`),
      );
    }
    const text = batch.results.map((line) => `${line}\n`).join('');
    sendText(exchange, 200, text, { 'content-type': 'application/binary', ...this.#headers() });
  }

  #finish(batch: AnthropicBatch): void {
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

  #view(batch: AnthropicBatch) {
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

  async #authorizedBody(exchange: HttpExchange, json = true): Promise<unknown | undefined> {
    const authError = checkApiKey('anthropic', exchange.request);
    const raw = await readBody(exchange.request);
    if (authError) return void this.#fail(exchange, authError);
    if (!json) return null;
    const body = parseJson(raw);
    if (body === undefined) return void this.#fail(exchange, invalid('Request body is not valid JSON.'));
    return body;
  }

  async #find(exchange: HttpExchange, id: string): Promise<AnthropicBatch | undefined> {
    if ((await this.#authorizedBody(exchange, false)) === undefined) return undefined;
    const batch = this.#batches.get(id);
    if (!batch) this.#fail(exchange, providerError('anthropic', 'not_found', `Batch not found: ${id}`));
    return batch;
  }

  #fail(exchange: HttpExchange, error: ErrorResponse): void {
    sendJson(exchange, error.status, error.body, this.#headers());
  }

  #headers(): Record<string, string> {
    return { 'request-id': this.#context.ids.next('req_testkit_') };
  }
}

function invalid(message: string): ErrorResponse {
  return providerError('anthropic', 'invalid_request', message);
}

function errored(error: ErrorResponse): Record<string, unknown> {
  return { type: 'errored', error: error.body };
}
