import type Anthropic from '@anthropic-ai/sdk';
import { type ErrorContext, normalizeProviderError } from '../errors/normalize-provider-error.js';
import { parseAnthropicRateLimitHeaders } from '../rate-limit/parse-anthropic-rate-limit-headers.js';
import { captureConsoleWarnings } from '../request/capture-console-warnings.js';
import { oneLine } from '../request/one-line.js';
import { isOutputModeRejection } from '../request/output-mode-rejection.js';
import { startRequestDeadline } from '../request/request-deadline.js';
import { unwrapRootValue } from '../schema/object-root.js';
import { parseJsonText } from '../schema/parse-json-text.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import type { GenerateResult } from '../spec/generate-result.js';
import type { LanguageModel, LanguageModelCapabilities } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import {
  type AnthropicOutputMode,
  type AnthropicRequest,
  toAnthropicRequest,
} from './convert-to-anthropic-request.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

/** What a model needs from its factory; the client (and key) stay out of the model's own fields. */
export interface AnthropicModelRuntime {
  /** The SDK client, created at first use; throws an `auth` ProviderError when no key is set. */
  client(): Anthropic;
  /** Context for error messages (secrets to redact, env var to name, base URL). */
  errorContext(): ErrorContext;
  /** Time limit of one request. */
  timeoutMs: number;
  /** Warnings the SDK logged since the last call. */
  drainLogWarnings(): string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiresProperties(converted: AnthropicRequest): boolean {
  const required =
    converted.params.tools?.[0] && 'input_schema' in converted.params.tools[0]
      ? converted.params.tools[0].input_schema.required
      : undefined;
  return Array.isArray(required) && required.length > 0;
}

/** A Claude model over the official Anthropic SDK. */
export class AnthropicLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic' as const;
  readonly modelId: string;
  readonly capabilities: LanguageModelCapabilities = {
    structuredOutput: 'tool',
    promptCaching: true,
    batch: true,
  };
  #nativeStructuredOutput: boolean;
  #temperatureWarned = false;
  readonly #runtime: AnthropicModelRuntime;

  /** Use `createAnthropic(settings)(modelId)` instead. */
  constructor(
    modelId: string,
    runtime: AnthropicModelRuntime,
    options: { nativeStructuredOutput?: boolean } = {},
  ) {
    this.modelId = modelId;
    this.#runtime = runtime;
    this.#nativeStructuredOutput = options.nativeStructuredOutput ?? false;
  }

  /** Sends one Messages API request; steps down from native structured output to tool use on a 400. */
  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    const warnings: string[] = [];
    if (request.temperature !== undefined && !this.#temperatureWarned) {
      this.#temperatureWarned = true;
      warnings.push(
        `Anthropic API version 2026-10-21 takes no temperature; the requested ${request.temperature} was not sent (warned once per model).`,
      );
    }
    const mode: AnthropicOutputMode = !request.output
      ? 'text'
      : this.#nativeStructuredOutput
        ? 'native_json_schema'
        : 'tool';
    try {
      return await this.#send(request, mode, warnings, options?.signal);
    } catch (error) {
      if (
        mode !== 'native_json_schema' ||
        !ProviderError.isInstance(error) ||
        !isOutputModeRejection(error)
      ) {
        throw error;
      }
      this.#nativeStructuredOutput = false;
      warnings.push(
        `Anthropic rejected native structured output for '${this.modelId}' (${error.message}); this model uses forced tool use from now on.`,
      );
      return await this.#send(request, 'tool', warnings, options?.signal);
    }
  }

  /** Exact input-token count of the request from the count-tokens endpoint. */
  async countTokens(request: GenerateRequest, options?: GenerateOptions): Promise<number> {
    const mode: AnthropicOutputMode = !request.output
      ? 'text'
      : this.#nativeStructuredOutput
        ? 'native_json_schema'
        : 'tool';
    const { params } = toAnthropicRequest(request, this.modelId, mode);
    const { max_tokens: _maxTokens, ...countParams } = params;
    return await this.#call(options?.signal, async (client, signal) => {
      const counted = await client.messages.countTokens(countParams, {
        signal,
        timeout: this.#runtime.timeoutMs,
        maxRetries: 0,
      });
      return counted.input_tokens;
    });
  }

  async #call<T>(
    userSignal: AbortSignal | undefined,
    run: (client: Anthropic, signal: AbortSignal) => Promise<T>,
  ) {
    const client = this.#runtime.client();
    const deadline = startRequestDeadline(this.#runtime.timeoutMs, userSignal);
    try {
      return await run(client, deadline.signal);
    } catch (error) {
      throw normalizeProviderError(error, {
        ...this.#runtime.errorContext(),
        modelId: this.modelId,
        timedOut: deadline.timedOut(),
        userAborted: deadline.userAborted(),
      });
    } finally {
      deadline.dispose();
    }
  }

  async #send(
    request: GenerateRequest,
    mode: AnthropicOutputMode,
    warnings: string[],
    userSignal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const converted = toAnthropicRequest(request, this.modelId, mode);
    const { data, response, requestId } = await this.#call(userSignal, async (client, signal) => {
      const { value: pending, warnings: printed } = captureConsoleWarnings(() =>
        client.messages.create(converted.params, { signal, timeout: this.#runtime.timeoutMs, maxRetries: 0 }),
      );
      warnings.push(...printed.map(oneLine));
      const { data, response, request_id } = await pending.withResponse();
      return { data, response, requestId: request_id ?? undefined };
    });
    warnings.push(...this.#runtime.drainLogWarnings());
    return this.#toResult(data, response.headers, requestId, converted, mode, warnings);
  }

  #toResult(
    message: Anthropic.Message,
    headers: Headers,
    requestId: string | undefined,
    converted: AnthropicRequest,
    mode: AnthropicOutputMode,
    warnings: string[],
  ): GenerateResult {
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
        message: `Anthropic returned an empty completion for '${this.modelId}' (stop_reason ${message.stop_reason ?? 'none'}). Retry the request.`,
        provider: 'anthropic',
        ...(requestId !== undefined ? { requestId } : {}),
      });
    }
    const result: GenerateResult = {
      text: resultText,
      finishReason,
      usage: mapAnthropicUsage(message.usage),
      outputMode: mode,
      warnings,
    };
    if (object !== undefined) result.object = object;
    const rateLimit = parseAnthropicRateLimitHeaders(headers);
    if (rateLimit) result.rateLimit = rateLimit;
    if (requestId) result.requestId = requestId;
    return result;
  }
}
