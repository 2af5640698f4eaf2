import type Anthropic from '@anthropic-ai/sdk';
import { parseAnthropicRateLimitHeaders } from '../rate-limit/parse-anthropic-rate-limit-headers.js';
import { assembleGenerateResult } from '../response/assemble-generate-result.js';
import { unwrapRootValue } from '../schema/object-root.js';
import { parseJsonText } from '../schema/parse-json-text.js';
import type { GenerateResult } from '../spec/generate-result.js';
import { ProviderError } from '../spec/provider-error.js';
import type { AnthropicOutputMode, AnthropicRequest } from './convert-to-anthropic-request.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

/** One Anthropic answer and what is needed to read it. */
export interface AnthropicAnswer {
  message: Anthropic.Message;
  modelId: string;
  /** The converted request (tool name, root wrapping). */
  converted: Pick<AnthropicRequest, 'toolName' | 'wrapped' | 'params'>;
  mode: AnthropicOutputMode;
  warnings: string[];
  requestId?: string | undefined;
  /** Response headers of an online call (batch answers have none). */
  headers?: Headers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiresProperties(converted: AnthropicAnswer['converted']): boolean {
  const required =
    converted.params.tools?.[0] && 'input_schema' in converted.params.tools[0]
      ? converted.params.tools[0].input_schema.required
      : undefined;
  return Array.isArray(required) && required.length > 0;
}

/**
 * Reads an Anthropic message into a spec result, the same way for online and batch answers.
 * Throws an `invalid_output` ProviderError for an empty completion.
 */
export function readAnthropicMessage(answer: AnthropicAnswer): GenerateResult {
  const { message, converted, mode, warnings, requestId, modelId } = answer;
  const finishReason = mapAnthropicStopReason(message.stop_reason);
  const content = Array.isArray(message.content) ? message.content : [];
  const text = content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
  let resultText = text;
  let object: unknown;
  let emptyStructured = false;
  if (mode === 'tool') {
    const toolUse = content.find(
      (block): block is Anthropic.ToolUseBlock =>
        block.type === 'tool_use' && block.name === converted.toolName,
    );
    if (toolUse) {
      const value = unwrapRootValue(toolUse.input, converted.wrapped);
      resultText = JSON.stringify(value) ?? '';
      emptyStructured =
        isRecord(toolUse.input) && Object.keys(toolUse.input).length === 0 && requiresProperties(converted);
      if (finishReason !== 'length' && finishReason !== 'refusal' && !emptyStructured) object = value;
    }
  } else if (mode === 'native_json_schema' && finishReason !== 'length' && finishReason !== 'refusal') {
    const parsed = parseJsonText(text);
    if (parsed.ok) object = unwrapRootValue(parsed.value, converted.wrapped);
  }
  const emptyText = resultText.trim() === '' || (emptyStructured && text.trim() === '');
  if (object === undefined && emptyText && finishReason !== 'refusal' && finishReason !== 'length') {
    throw new ProviderError({
      kind: 'invalid_output',
      message: `Anthropic returned an empty completion for '${modelId}' (stop_reason ${message.stop_reason ?? 'none'}). Retry the request.`,
      provider: 'anthropic',
      ...(requestId !== undefined ? { requestId } : {}),
    });
  }
  return assembleGenerateResult({
    text: resultText,
    finishReason,
    usage: mapAnthropicUsage(message.usage),
    outputMode: mode,
    warnings,
    object,
    rateLimit: answer.headers ? parseAnthropicRateLimitHeaders(answer.headers) : undefined,
    requestId,
    model: message.model,
  });
}
