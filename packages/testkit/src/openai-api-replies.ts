import { checkApiKey } from './api-key-check.js';
import { type HttpExchange, readBody, sendJson } from './http-exchange.js';
import { type ErrorResponse, providerError } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** The headers every OpenAI-style reply carries: a fresh `x-request-id`. */
export function openAIReplyHeaders(context: ServerContext): Record<string, string> {
  return { 'x-request-id': context.ids.next('req_testkit') };
}

/** Sends an OpenAI error envelope with its status. */
export function sendOpenAIError(context: ServerContext, exchange: HttpExchange, error: ErrorResponse): void {
  sendJson(exchange, error.status, error.body, openAIReplyHeaders(context));
}

/** Reads the body after checking the API key; on a bad key replies with the error and returns undefined. */
export async function readAuthorizedOpenAIBody(
  context: ServerContext,
  exchange: HttpExchange,
): Promise<Buffer | undefined> {
  const authError = checkApiKey('openai', exchange.request);
  const raw = await readBody(exchange.request);
  if (authError) return void sendOpenAIError(context, exchange, authError);
  return raw;
}

/** An OpenAI `invalid_request_error`, optionally naming the parameter at fault. */
export function invalidOpenAIRequest(message: string, param?: string): ErrorResponse {
  return providerError('openai', 'invalid_request', message, param ? { param } : {});
}

/** Unix seconds, the unit of OpenAI's `created_at` fields. */
export const unixSeconds = (): number => Math.floor(Date.now() / 1000);
