import { checkApiKey } from './api-key-check.js';
import { type HttpExchange, readBody, sendJson } from './http-exchange.js';
import type { ErrorResponse, Provider } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** How one provider's side endpoints name their request ids. */
export interface ReplyStyle {
  provider: Provider;
  /** The response header that carries the request id (`request-id`, `x-request-id`). */
  requestIdHeader: string;
  requestIdPrefix: string;
}

/** How a provider's side endpoints (Files, Batches) check the key and answer: request ids, error envelopes. */
export class ApiReplies {
  readonly #context: ServerContext;
  readonly #style: ReplyStyle;

  constructor(context: ServerContext, style: ReplyStyle) {
    this.#context = context;
    this.#style = style;
  }

  /** The headers every reply carries: a fresh request id. */
  headers(): Record<string, string> {
    return { [this.#style.requestIdHeader]: this.#context.ids.next(this.#style.requestIdPrefix) };
  }

  /** Sends the provider's error envelope with its status. */
  fail(exchange: HttpExchange, error: ErrorResponse): void {
    sendJson(exchange, error.status, error.body, this.headers());
  }

  /** Reads the body after checking the API key; on a bad key replies with the error and returns undefined. */
  async authorizedBody(exchange: HttpExchange): Promise<Buffer | undefined> {
    const authError = checkApiKey(this.#style.provider, exchange.request);
    const raw = await readBody(exchange.request);
    if (authError) return void this.fail(exchange, authError);
    return raw;
  }
}
