import type { ApiReplies } from './api-replies.js';
import type { HttpExchange } from './http-exchange.js';
import { sendJson } from './http-exchange.js';
import type { ErrorResponse } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** What differs between the providers' batch APIs: the wire shapes and the cancel rule. */
export interface BatchWireFormat<Batch> {
  /** Key check, request ids and error envelopes of this provider. */
  readonly replies: ApiReplies;
  /** The batch object as the provider returns it. */
  view(batch: Batch): { id: string };
  /** The page the list endpoint returns around the views (newest first). */
  listPage(views: { id: string }[]): Record<string, unknown>;
  /** The error for an unknown batch id. */
  notFound(id: string): ErrorResponse;
  /** Marks the batch as being cancelled when it still can be; true when it did. */
  beginCancel(batch: Batch): boolean;
  /** Processes (or, once cancelling, closes) the batch. */
  finish(batch: Batch): void;
}

/**
 * The batches one emulated provider holds, processed in memory, with the endpoints every batch API
 * has in common: list, retrieve, cancel, and finding a batch by id. Each provider supplies its wire
 * format; creating a batch and reading its results are the provider's own.
 */
export class BatchStore<Batch extends { id: string }> {
  readonly #context: ServerContext;
  readonly #wire: BatchWireFormat<Batch>;
  readonly #batches = new Map<string, Batch>();

  constructor(context: ServerContext, wire: BatchWireFormat<Batch>) {
    this.#context = context;
    this.#wire = wire;
  }

  /** Keeps a new batch; when `process`, finishes it after the configured processing time. */
  add(batch: Batch, process: boolean): void {
    this.#batches.set(batch.id, batch);
    if (process) {
      this.#context.timers.schedule(this.#context.options.batch?.processingMs ?? 50, () =>
        this.#wire.finish(batch),
      );
    }
  }

  /** `GET …/batches`: every batch, newest first. */
  async list(exchange: HttpExchange): Promise<void> {
    if (!(await this.#wire.replies.authorizedBody(exchange))) return;
    const views = [...this.#batches.values()].reverse().map((batch) => this.#wire.view(batch));
    this.#send(exchange, this.#wire.listPage(views));
  }

  /** `GET …/batches/:id`. */
  async retrieve(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.find(exchange, id);
    if (batch) this.#send(exchange, this.#wire.view(batch));
  }

  /** `POST …/batches/:id/cancel`: a batch still running is closed as cancelled right after. */
  async cancel(exchange: HttpExchange, id: string): Promise<void> {
    const batch = await this.find(exchange, id);
    if (!batch) return;
    if (this.#wire.beginCancel(batch)) this.#context.timers.schedule(0, () => this.#wire.finish(batch));
    this.#send(exchange, this.#wire.view(batch));
  }

  /** The batch with this id after checking the key; on a bad key or unknown id answers with the error. */
  async find(exchange: HttpExchange, id: string): Promise<Batch | undefined> {
    if (!(await this.#wire.replies.authorizedBody(exchange))) return undefined;
    const batch = this.#batches.get(id);
    if (!batch) this.#wire.replies.fail(exchange, this.#wire.notFound(id));
    return batch;
  }

  #send(exchange: HttpExchange, body: unknown): void {
    sendJson(exchange, 200, body, this.#wire.replies.headers());
  }
}
