import { checkApiKey } from './api-key-check.js';
import { type HttpExchange, readBody, sendJson } from './http-exchange.js';
import { type ErrorResponse, providerError } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** How the OpenAI-style endpoints (Files, Batch) check the key and answer: request ids, error envelopes. */
export class OpenAIReplies {
  readonly #context: ServerContext;

  constructor(context: ServerContext) {
    this.#context = context;
  }

  /** The headers every reply carries: a fresh `x-request-id`. */
  headers(): Record<string, string> {
    return { 'x-request-id': this.#context.ids.next('req_testkit') };
  }

  /** Sends an OpenAI error envelope with its status. */
  fail(exchange: HttpExchange, error: ErrorResponse): void {
    sendJson(exchange, error.status, error.body, this.headers());
  }

  /** Reads the body after checking the API key; on a bad key replies with the error and returns undefined. */
  async authorizedBody(exchange: HttpExchange): Promise<Buffer | undefined> {
    const authError = checkApiKey('openai', exchange.request);
    const raw = await readBody(exchange.request);
    if (authError) return void this.fail(exchange, authError);
    return raw;
  }
}

/** An OpenAI `invalid_request_error`, optionally naming the parameter at fault. */
export function invalidOpenAIRequest(message: string, param?: string): ErrorResponse {
  return providerError('openai', 'invalid_request', message, param ? { param } : {});
}

/** Unix seconds, the unit of OpenAI's `created_at` fields. */
export const unixSeconds = (): number => Math.floor(Date.now() / 1000);
