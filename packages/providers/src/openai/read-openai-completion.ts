import type OpenAI from 'openai';
import { capitalize } from '../errors/provider-label.js';
import { parseOpenAIRateLimitHeaders } from '../rate-limit/parse-openai-rate-limit-headers.js';
import { assembleGenerateResult } from '../response/assemble-generate-result.js';
import { unwrapRootValue } from '../schema/object-root.js';
import { parseJsonText } from '../schema/parse-json-text.js';
import { stripNullOptionalProperties } from '../schema/strip-null-optional-properties.js';
import type { StructuredOutputRequest } from '../spec/generate-request.js';
import type { FinishReason, GenerateResult } from '../spec/generate-result.js';
import { ProviderError } from '../spec/provider-error.js';
import type { OpenAIRequest } from './convert-to-openai-request.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsageLike } from './map-openai-usage.js';
import type { OpenAICompatProfile, OpenAIOutputMode } from './openai-compat-profile.js';

/** One chat completion and what is needed to read it. */
export interface OpenAIAnswer {
  completion: OpenAI.Chat.ChatCompletion;
  modelId: string;
  profile: OpenAICompatProfile;
  /** The converted request (root wrapping, strict mode). */
  converted: Pick<OpenAIRequest, 'wrapped' | 'strict'>;
  mode: OpenAIOutputMode;
  /** The structured output asked for, if any. */
  output: StructuredOutputRequest | undefined;
  warnings: string[];
  requestId?: string | undefined;
  /** Response headers of an online call (batch answers have none). */
  headers?: Headers;
}

/**
 * Reads a chat completion into a spec result, the same way for online and batch answers. Throws
 * an `invalid_output` ProviderError for an empty completion.
 */
export function readOpenAICompletion(answer: OpenAIAnswer): GenerateResult {
  const { completion, converted, mode, output, warnings, requestId, profile } = answer;
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  const message = choice?.message;
  const refusal =
    typeof message?.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
  const content = typeof message?.content === 'string' ? message.content : '';
  const finishReason: FinishReason =
    refusal !== undefined ? 'refusal' : mapOpenAIFinishReason(choice?.finish_reason);
  const text = refusal !== undefined && content === '' ? refusal : content;
  let object: unknown;
  if (mode !== 'text' && output && finishReason !== 'length' && finishReason !== 'refusal') {
    const parsed = parseJsonText(text);
    if (parsed.ok) {
      const value = unwrapRootValue(parsed.value, converted.wrapped);
      object = converted.strict ? stripNullOptionalProperties(value, output.schema) : value;
    }
  }
  if (object === undefined && text.trim() === '' && finishReason !== 'refusal' && finishReason !== 'length') {
    throw new ProviderError({
      kind: 'invalid_output',
      message: `${capitalize(profile.label)} returned an empty completion for '${answer.modelId}' (finish_reason ${choice?.finish_reason ?? 'none'}). Retry the request.`,
      provider: profile.provider,
      ...(requestId !== undefined ? { requestId } : {}),
    });
  }
  return assembleGenerateResult({
    text: object !== undefined && converted.wrapped ? JSON.stringify(object) : text,
    finishReason,
    usage: mapOpenAIUsage(completion.usage as OpenAIUsageLike | undefined),
    outputMode: mode,
    warnings,
    object,
    rateLimit: answer.headers ? parseOpenAIRateLimitHeaders(answer.headers) : undefined,
    requestId,
    model: completion.model,
  });
}
