import { isPlainObject, type JsonSchema } from './json-schema.js';
import type { ErrorResponse } from './provider-errors.js';
import { providerError } from './provider-errors.js';
import type { ContentOutcome, GeneratedAnswer, StructuredMode } from './record-engine.js';
import type { SeededRandom } from './seeded-random.js';
import type { ServerContext } from './server-context.js';
import type { UsageCounts } from './stats-recorder.js';
import { openAIStrictSchemaError } from './structured-output-rules.js';
import { countTokens } from './token-count.js';

/** A validated Chat Completions request, reduced to what the server needs. */
export interface OpenAIRequest {
  model: string;
  maxTokens?: number;
  /** One string per message (role and text), in order: the unit of automatic prefix caching. */
  messageTexts: string[];
  promptTexts: string[];
  lastUserText: string;
  /** Tokens of the tool/response-format schema, counted as input but not cached. */
  schemaTokens: number;
  mode: StructuredMode;
  schema?: JsonSchema;
  toolName?: string;
}

/** A generated OpenAI answer: the completion body plus what it holds. */
export interface OpenAIAnswer {
  completion: Record<string, unknown>;
  answer: GeneratedAnswer;
  usage: UsageCounts;
}

function invalid(message: string, param?: string): ErrorResponse {
  return providerError('openai', 'invalid_request', message, param ? { param } : {});
}

/** Validates a Chat Completions body; an error response when it is not acceptable. */
export function parseOpenAIRequest(
  body: unknown,
  options: { rejectJsonSchema: boolean; rejectJsonObject: boolean },
): OpenAIRequest | ErrorResponse {
  if (!isPlainObject(body)) return invalid('Request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model.length === 0)
    return invalid("Missing required parameter: 'model'.", 'model');
  if (body.model.startsWith('unknown-')) {
    return providerError(
      'openai',
      'not_found',
      `The model \`${body.model}\` does not exist or you do not have access to it.`,
      {
        param: 'model',
        code: 'model_not_found',
      },
    );
  }
  if (body.stream === true)
    return invalid('Streaming is not supported by the DataSynth test server.', 'stream');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages');
  }
  const messageTexts: string[] = [];
  const promptTexts: string[] = [];
  let lastUserText = '';
  for (const message of body.messages) {
    if (!isPlainObject(message) || typeof message.role !== 'string') {
      return invalid("Invalid 'messages': each message needs a role.", 'messages');
    }
    let text: string;
    if (typeof message.content === 'string') text = message.content;
    else if (Array.isArray(message.content)) {
      text = message.content
        .map((part) => (isPlainObject(part) && typeof part.text === 'string' ? part.text : ''))
        .join('\n');
    } else if (message.content === null || message.content === undefined) {
      text = Array.isArray(message.tool_calls) ? JSON.stringify(message.tool_calls) : '';
    } else {
      return invalid("Invalid 'messages': content must be a string or a list of parts.", 'messages');
    }
    messageTexts.push(`${message.role}: ${text}`);
    promptTexts.push(text);
    if (message.role === 'user') lastUserText = text;
  }

  let mode: StructuredMode = 'text';
  let schema: JsonSchema | undefined;
  let toolName: string | undefined;
  let schemaTokens = 0;
  const responseFormat = isPlainObject(body.response_format) ? body.response_format : undefined;
  if (responseFormat?.type === 'json_schema') {
    const jsonSchema = isPlainObject(responseFormat.json_schema) ? responseFormat.json_schema : undefined;
    if (!jsonSchema || typeof jsonSchema.name !== 'string') {
      return invalid(
        "Missing required parameter: 'response_format.json_schema.name'.",
        'response_format.json_schema.name',
      );
    }
    if (options.rejectJsonSchema) {
      return invalid(
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        'response_format',
      );
    }
    mode = 'jsonSchema';
    schema = isPlainObject(jsonSchema.schema) ? jsonSchema.schema : { type: 'object' };
    if (jsonSchema.strict === true) {
      const breach = openAIStrictSchemaError(schema, jsonSchema.name);
      if (breach) return invalid(breach, 'response_format');
    }
    schemaTokens = countTokens(JSON.stringify(schema));
  } else if (responseFormat?.type === 'json_object') {
    if (options.rejectJsonObject) {
      return invalid(
        "Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.",
        'response_format',
      );
    }
    if (!promptTexts.some((text) => /json/i.test(text))) {
      return invalid(
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        'messages',
      );
    }
    mode = 'jsonObject';
  } else if (responseFormat && responseFormat.type !== 'text') {
    return invalid("Invalid value for 'response_format.type'.", 'response_format.type');
  }

  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid("Invalid type for 'tools': expected an array.", 'tools');
    const functions: Record<string, unknown>[] = [];
    for (const tool of body.tools) {
      const fn = isPlainObject(tool) && isPlainObject(tool.function) ? tool.function : undefined;
      if (!fn || typeof fn.name !== 'string')
        return invalid("Missing required parameter: 'tools[].function.name'.", 'tools');
      functions.push(fn);
    }
    const choice = body.tool_choice;
    const named =
      isPlainObject(choice) && isPlainObject(choice.function) && typeof choice.function.name === 'string'
        ? choice.function.name
        : undefined;
    if (choice !== 'none' && functions.length > 0) {
      const chosen = named ? functions.find((fn) => fn.name === named) : functions[0];
      if (!chosen)
        return invalid(`Invalid 'tool_choice': no function named '${named}' in 'tools'.`, 'tool_choice');
      mode = 'tool';
      schema = isPlainObject(chosen.parameters) ? chosen.parameters : { type: 'object', properties: {} };
      toolName = chosen.name as string;
    }
    schemaTokens += countTokens(JSON.stringify(body.tools));
  }
  const maxTokens =
    typeof body.max_completion_tokens === 'number'
      ? body.max_completion_tokens
      : typeof body.max_tokens === 'number'
        ? body.max_tokens
        : undefined;
  const request: OpenAIRequest = {
    model: body.model,
    messageTexts,
    promptTexts,
    lastUserText,
    schemaTokens,
    mode,
  };
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  if (schema) request.schema = schema;
  if (toolName) request.toolName = toolName;
  return request;
}

/** Total input tokens of a request (what rate limits see). */
export function openaiInputTokens(request: OpenAIRequest): number {
  return request.messageTexts.reduce((sum, text) => sum + countTokens(text), 0) + request.schemaTokens;
}

/** Generates the answer to a request and shapes it as an OpenAI `ChatCompletion`. */
export function answerOpenAI(
  context: ServerContext,
  request: OpenAIRequest,
  options: { outcome: ContentOutcome; random: SeededRandom },
): OpenAIAnswer {
  const answer = context.engine.answer({
    mode: request.mode,
    promptTexts: request.promptTexts,
    lastUserText: request.lastUserText,
    outcome: options.outcome,
    random: options.random,
    ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    ...(request.schema ? { schema: request.schema } : {}),
  });
  const cached = context.cache.openai(request.model, request.messageTexts);
  const promptTokens = cached.promptTokens + request.schemaTokens;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.text,
    refusal: null,
    annotations: [],
  };
  let finishReason = answer.outcome === 'truncated' ? 'length' : 'stop';
  if (answer.outcome === 'refusal') {
    message.content = null;
    message.refusal = answer.text;
  } else if (request.mode === 'tool' && answer.outcome !== 'empty') {
    message.content = null;
    message.tool_calls = [
      {
        id: context.ids.next('call_testkit_'),
        type: 'function',
        function: { name: request.toolName, arguments: answer.text },
      },
    ];
    if (answer.outcome !== 'truncated') finishReason = 'tool_calls';
  }
  const usage: UsageCounts = {
    input: promptTokens - cached.cachedTokens,
    output: answer.outputTokens,
    cacheRead: cached.cachedTokens,
    cacheWrite: 0,
  };
  const completion = {
    id: context.ids.next('chatcmpl-testkit'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: `${request.model}${context.options.modelSnapshot ?? ''}`,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: answer.outputTokens,
      total_tokens: promptTokens + answer.outputTokens,
      prompt_tokens_details: { cached_tokens: cached.cachedTokens, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_testkit',
  };
  return { completion, answer, usage };
}
