import {
  type AnthropicRequest,
  answerAnthropic,
  anthropicInputTokens,
  parseAnthropicRequest,
} from './anthropic-messages.js';
import { checkApiKey } from './api-key-check.js';
import type { GenerationRoute } from './generation-flow.js';
import { type HttpExchange, parseJson, readBody, sendJson } from './http-exchange.js';
import { answerOpenAI, openaiInputTokens, parseOpenAIRequest } from './openai-chat.js';
import { providerError } from './provider-errors.js';
import type { ServerContext } from './server-context.js';

/** `POST /v1/messages`: the Anthropic Messages API. */
export function anthropicMessagesRoute(context: ServerContext): GenerationRoute {
  return {
    provider: 'anthropic',
    prepare(body) {
      const request = parseAnthropicRequest(body, {
        requireMaxTokens: true,
        rejectNativeStructuredOutput: context.options.rejectNativeStructuredOutput ?? false,
      });
      if ('status' in request) return request;
      context.stats.cacheControlBlocks(request.cacheControlBlocks);
      return {
        mode: request.mode,
        inputTokens: anthropicInputTokens(request),
        respond(outcome, random) {
          const { message, answer, usage } = answerAnthropic(context, request, {
            outcome,
            random,
            serviceTier: 'standard',
          });
          return { body: message, answer, usage };
        },
      };
    },
  };
}

/** `POST /v1/chat/completions`: the OpenAI Chat Completions API. */
export function openaiChatRoute(context: ServerContext): GenerationRoute {
  return {
    provider: 'openai',
    prepare(body) {
      const request = parseOpenAIRequest(body, {
        rejectJsonSchema: context.options.rejectJsonSchema ?? false,
        rejectJsonObject: context.options.rejectJsonObject ?? false,
      });
      if ('status' in request) return request;
      return {
        mode: request.mode,
        inputTokens: openaiInputTokens(request),
        respond(outcome, random) {
          const { completion, answer, usage } = answerOpenAI(context, request, { outcome, random });
          return { body: completion, answer, usage };
        },
      };
    },
  };
}

/** `POST /v1/messages/count_tokens`: total input tokens of a Messages request (the cache is not touched). */
export async function serveCountTokens(exchange: HttpExchange, context: ServerContext): Promise<void> {
  const authError = checkApiKey('anthropic', exchange.request);
  const body = parseJson(await readBody(exchange.request));
  if (authError) return void sendJson(exchange, authError.status, authError.body);
  if (body === undefined) {
    const error = providerError('anthropic', 'invalid_request', 'Request body is not valid JSON.');
    return void sendJson(exchange, error.status, error.body);
  }
  const request: AnthropicRequest | { status: number; body: unknown } = parseAnthropicRequest(body, {
    requireMaxTokens: false,
    rejectNativeStructuredOutput: context.options.rejectNativeStructuredOutput ?? false,
  });
  if ('status' in request) return void sendJson(exchange, request.status, request.body);
  sendJson(
    exchange,
    200,
    { input_tokens: anthropicInputTokens(request) },
    { 'request-id': context.ids.next('req_testkit_') },
  );
}
