import { isPlainObject, type JsonSchema } from './json-schema.js';
import type { AnthropicPromptPiece } from './prompt-cache.js';
import type { ErrorResponse } from './provider-errors.js';
import { providerError } from './provider-errors.js';
import type { ContentOutcome, GeneratedAnswer, StructuredMode } from './record-engine.js';
import type { SeededRandom } from './seeded-random.js';
import type { ServerContext } from './server-context.js';
import type { UsageCounts } from './stats-recorder.js';
import { anthropicSchemaError } from './structured-output-rules.js';
import { countTokens } from './token-count.js';

/** A validated Anthropic Messages request, reduced to what the server needs. */
export interface AnthropicRequest {
  model: string;
  maxTokens: number;
  pieces: AnthropicPromptPiece[];
  promptTexts: string[];
  lastUserText: string;
  mode: StructuredMode;
  schema?: JsonSchema;
  toolName?: string;
  cacheControlBlocks: number;
}

/** A generated Anthropic answer: the message body plus what it holds. */
export interface AnthropicAnswer {
  message: Record<string, unknown>;
  answer: GeneratedAnswer;
  usage: UsageCounts;
}

function invalid(message: string): ErrorResponse {
  return providerError('anthropic', 'invalid_request', message);
}

/** Validates a Messages API body; an error response when it is not acceptable. */
export function parseAnthropicRequest(
  body: unknown,
  options: { requireMaxTokens: boolean; rejectNativeStructuredOutput: boolean },
): AnthropicRequest | ErrorResponse {
  if (!isPlainObject(body)) return invalid('Request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model.length === 0) return invalid('model: Field required');
  if (body.model.startsWith('unknown-'))
    return providerError('anthropic', 'not_found', `model: ${body.model}`);
  const maxTokens = body.max_tokens;
  if (
    options.requireMaxTokens &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    return invalid('max_tokens: Field required (a positive integer)');
  }
  if (body.stream === true) return invalid('stream: streaming is not supported by the DataSynth test server');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return invalid('messages: at least one message is required');
  const pieces: AnthropicPromptPiece[] = [];
  const promptTexts: string[] = [];
  let cacheControlBlocks = 0;
  let mode: StructuredMode = 'text';
  let schema: JsonSchema | undefined;
  let toolName: string | undefined;

  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid('tools: Input should be a valid list');
    const tools = body.tools.filter(isPlainObject);
    for (const tool of tools) {
      if (typeof tool.name !== 'string' || !isPlainObject(tool.input_schema)) {
        return invalid('tools: each tool needs a name and an input_schema');
      }
      if (tool.strict === true) {
        const breach = anthropicSchemaError(
          tool.input_schema as JsonSchema,
          `tools.${tool.name}.input_schema`,
        );
        if (breach) return invalid(breach);
      }
      pieces.push({ text: JSON.stringify(tool), cacheMarked: isPlainObject(tool.cache_control) });
    }
    const choice = isPlainObject(body.tool_choice) ? body.tool_choice : { type: 'auto' };
    if (choice.type !== 'none' && tools.length > 0) {
      const chosen = choice.type === 'tool' ? tools.find((tool) => tool.name === choice.name) : tools[0];
      if (!chosen) return invalid(`tool_choice: tool '${String(choice.name)}' not found in tools`);
      mode = 'tool';
      schema = chosen.input_schema as JsonSchema;
      toolName = chosen.name as string;
    }
  }
  const outputConfig = isPlainObject(body.output_config) ? body.output_config : undefined;
  const format = isPlainObject(outputConfig?.format)
    ? outputConfig.format
    : isPlainObject(body.output_format)
      ? body.output_format
      : undefined;
  if (format) {
    if (format.type !== 'json_schema' || !isPlainObject(format.schema)) {
      return invalid('output_config.format: expected { type: "json_schema", schema }');
    }
    if (options.rejectNativeStructuredOutput) {
      return invalid('output_config.format: structured outputs are not supported for this model');
    }
    const breach = anthropicSchemaError(format.schema, 'output_config.format.schema');
    if (breach) return invalid(breach);
    if (mode !== 'tool') {
      mode = 'nativeJsonSchema';
      schema = format.schema;
    }
    pieces.unshift({ text: JSON.stringify(format.schema), cacheMarked: false });
  }

  if (typeof body.system === 'string') {
    pieces.push({ text: body.system, cacheMarked: false });
    promptTexts.push(body.system);
  } else if (Array.isArray(body.system)) {
    for (const block of body.system) {
      if (!isPlainObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
        return invalid('system: blocks must be text blocks');
      }
      const marked = isPlainObject(block.cache_control);
      if (marked) cacheControlBlocks += 1;
      pieces.push({ text: block.text, cacheMarked: marked });
      promptTexts.push(block.text);
    }
  } else if (body.system !== undefined) {
    return invalid('system: Input should be a string or a list of text blocks');
  }

  let lastUserText = '';
  for (const message of body.messages) {
    if (!isPlainObject(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return invalid("messages: each message needs role 'user' or 'assistant'");
    }
    const texts: string[] = [];
    if (typeof message.content === 'string') {
      pieces.push({ text: message.content, cacheMarked: false });
      texts.push(message.content);
    } else if (Array.isArray(message.content)) {
      for (const block of message.content) {
        if (!isPlainObject(block)) return invalid('messages: content blocks must be objects');
        const marked = isPlainObject(block.cache_control);
        if (marked) cacheControlBlocks += 1;
        const text = blockText(block);
        pieces.push({ text, cacheMarked: marked });
        texts.push(text);
      }
    } else {
      return invalid('messages: content must be a string or a list of blocks');
    }
    promptTexts.push(...texts);
    if (message.role === 'user') lastUserText = texts.join('\n');
  }
  const request: AnthropicRequest = {
    model: body.model,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : 4096,
    pieces,
    promptTexts,
    lastUserText,
    mode,
    cacheControlBlocks,
  };
  if (schema) request.schema = schema;
  if (toolName) request.toolName = toolName;
  return request;
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  if (block.type === 'tool_use') return JSON.stringify(block.input ?? {});
  if (block.type === 'tool_result') {
    if (typeof block.content === 'string') return block.content;
    if (Array.isArray(block.content)) {
      return block.content
        .map((part) => (isPlainObject(part) && typeof part.text === 'string' ? part.text : ''))
        .join('\n');
    }
  }
  return '';
}

/** Total input tokens of a request, cached part included (what rate limits and count_tokens see). */
export function anthropicInputTokens(request: AnthropicRequest): number {
  return request.pieces.reduce((sum, piece) => sum + countTokens(piece.text), 0);
}

/** Generates the answer to a request and shapes it as an Anthropic `Message`. */
export function answerAnthropic(
  context: ServerContext,
  request: AnthropicRequest,
  options: { outcome: ContentOutcome; random: SeededRandom; serviceTier: 'standard' | 'batch' },
): AnthropicAnswer {
  const answerRequest = {
    mode: request.mode,
    promptTexts: request.promptTexts,
    lastUserText: request.lastUserText,
    outcome: options.outcome,
    maxTokens: request.maxTokens,
    random: options.random,
    ...(request.schema ? { schema: request.schema } : {}),
  };
  const answer = context.engine.answer(answerRequest);
  const cacheUsage = context.cache.anthropic(request.model, request.pieces);
  let content: unknown[];
  let stopReason: string;
  switch (answer.outcome) {
    case 'refusal':
      content = [{ type: 'text', text: answer.text, citations: null }];
      stopReason = 'refusal';
      break;
    case 'empty':
      content = [];
      stopReason = 'end_turn';
      break;
    case 'malformed':
      content = [{ type: 'text', text: answer.text, citations: null }];
      stopReason = 'end_turn';
      break;
    default:
      if (request.mode === 'tool') {
        content = [
          {
            type: 'tool_use',
            id: context.ids.next('toolu_testkit_'),
            name: request.toolName,
            input: answer.object ?? {},
            caller: { type: 'direct' },
          },
        ];
        stopReason = answer.outcome === 'truncated' ? 'max_tokens' : 'tool_use';
      } else {
        content = [{ type: 'text', text: answer.text, citations: null }];
        stopReason = answer.outcome === 'truncated' ? 'max_tokens' : 'end_turn';
      }
  }
  const usage: UsageCounts = {
    input: cacheUsage.inputTokens,
    output: answer.outputTokens,
    cacheRead: cacheUsage.cacheReadTokens,
    cacheWrite: cacheUsage.cacheCreationTokens,
  };
  const message = {
    id: context.ids.next('msg_testkit_'),
    type: 'message',
    role: 'assistant',
    model: `${request.model}${context.options.modelSnapshot ?? ''}`,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: usage.cacheWrite,
      cache_read_input_tokens: usage.cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite, ephemeral_1h_input_tokens: 0 },
      service_tier: options.serviceTier,
      server_tool_use: null,
    },
  };
  return { message, answer, usage };
}
