import { ApiReplies } from './api-replies.js';
import { type ErrorResponse, providerError } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** How the OpenAI endpoints (Files, Batch) check the key and answer: `x-request-id`, error envelopes. */
export class OpenAIReplies extends ApiReplies {
  constructor(context: ServerContext) {
    super(context, { provider: 'openai', requestIdHeader: 'x-request-id', requestIdPrefix: 'req_testkit' });
  }
}

/** An OpenAI `invalid_request_error`, optionally naming the parameter at fault. */
export function invalidOpenAIRequest(message: string, param?: string): ErrorResponse {
  return providerError('openai', 'invalid_request', message, param ? { param } : {});
}

/** Unix seconds, the unit of OpenAI's `created_at` fields. */
export const unixSeconds = (): number => Math.floor(Date.now() / 1000);
