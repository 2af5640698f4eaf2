import type OpenAI from 'openai';
import { type ErrorContext, normalizeProviderError } from '../errors/normalize-provider-error.js';
import { capitalize } from '../errors/provider-label.js';
import { parseOpenAIRateLimitHeaders } from '../rate-limit/parse-openai-rate-limit-headers.js';
import { isOutputModeRejection } from '../request/output-mode-rejection.js';
import { startRequestDeadline } from '../request/request-deadline.js';
import { unwrapRootValue } from '../schema/object-root.js';
import { parseJsonText } from '../schema/parse-json-text.js';
import { stripNullOptionalProperties } from '../schema/strip-null-optional-properties.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import type { FinishReason, GenerateResult } from '../spec/generate-result.js';
import type { LanguageModel, LanguageModelCapabilities, ProviderName } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { type OpenAIRequest, toOpenAIRequest } from './convert-to-openai-request.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsageLike } from './map-openai-usage.js';
import type { OpenAICompatProfile, OpenAIOutputMode } from './openai-compat-profile.js';

/** What a model needs from its factory; the client (and key) stay out of the model's own fields. */
export interface OpenAIModelRuntime {
  /** The SDK client, created at first use; throws a ProviderError when no key or base URL is set. */
  client(): OpenAI;
  /** Context for error messages (secrets to redact, env var to name, base URL). */
  errorContext(): ErrorContext;
  /** Time limit of one request. */
  timeoutMs: number;
  /** Warnings the SDK logged since the last call. */
  drainLogWarnings(): string[];
  /** The server dialect. */
  profile: OpenAICompatProfile;
}

/** OpenAI reasoning models take no `temperature`. */
function isReasoningModel(modelId: string): boolean {
  return /^(?:o\d|gpt-5)(?!.*chat)/.test(modelId);
}

/** A chat model over the official OpenAI SDK (OpenAI itself or a compatible server). */
export class OpenAILanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: ProviderName;
  readonly modelId: string;
  readonly capabilities: LanguageModelCapabilities;
  readonly #runtime: OpenAIModelRuntime;
  #modeIndex = 0;
  #temperatureWarned = false;
  readonly #reportedSchemas = new WeakSet<object>();

  /** Use `createOpenAI(settings)(modelId)` instead. */
  constructor(modelId: string, runtime: OpenAIModelRuntime) {
    this.modelId = modelId;
    this.#runtime = runtime;
    this.provider = runtime.profile.provider;
    this.capabilities = { ...runtime.profile.capabilities };
  }

  /**
   * Sends one Chat Completions request. When the server rejects the output mode with a 400, steps
   * down once (json_schema → json_object → text), remembers it for this model, and warns.
   */
  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    const warnings: string[] = [];
    const { profile } = this.#runtime;
    const dropTemperature =
      request.temperature !== undefined && profile.provider === 'openai' && isReasoningModel(this.modelId);
    if (dropTemperature && !this.#temperatureWarned) {
      this.#temperatureWarned = true;
      warnings.push(
        `'${this.modelId}' takes no temperature; the requested ${request.temperature} was not sent (warned once per model).`,
      );
    }
    for (;;) {
      const modeIndex = request.output ? this.#modeIndex : profile.outputModes.length - 1;
      const mode: OpenAIOutputMode = request.output ? (profile.outputModes[modeIndex] ?? 'text') : 'text';
      const converted = toOpenAIRequest(request, this.modelId, mode, profile, { dropTemperature });
      if (
        converted.removedConstraints.length > 0 &&
        request.output &&
        !this.#reportedSchemas.has(request.output.schema)
      ) {
        this.#reportedSchemas.add(request.output.schema);
        warnings.push(
          `OpenAI strict structured output does not take ${converted.removedConstraints.length} schema constraint(s) (${converted.removedConstraints.join(', ')}); they were left out of the request, so validate answers against the full schema.`,
        );
      }
      try {
        return await this.#send(converted, mode, request, warnings, options?.signal);
      } catch (error) {
        const next = profile.outputModes[modeIndex + 1];
        if (
          !request.output ||
          next === undefined ||
          !ProviderError.isInstance(error) ||
          !isOutputModeRejection(error)
        ) {
          throw error;
        }
        this.#modeIndex = Math.max(this.#modeIndex, modeIndex + 1);
        warnings.push(
          `${capitalize(profile.label)} rejected output mode '${mode}' for '${this.modelId}' (${error.message}); this model uses '${next}' from now on.`,
        );
      }
    }
  }

  async #send(
    converted: OpenAIRequest,
    mode: OpenAIOutputMode,
    request: GenerateRequest,
    warnings: string[],
    userSignal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const client = this.#runtime.client();
    const deadline = startRequestDeadline(this.#runtime.timeoutMs, userSignal);
    let completion: OpenAI.Chat.ChatCompletion;
    let headers: Headers;
    let requestId: string | undefined;
    try {
      const { data, response, request_id } = await client.chat.completions
        .create(converted.params, {
          signal: deadline.signal,
          timeout: this.#runtime.timeoutMs,
          maxRetries: 0,
        })
        .withResponse();
      completion = data;
      headers = response.headers;
      requestId = request_id ?? undefined;
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
    warnings.push(...this.#runtime.drainLogWarnings());
    return this.#toResult(completion, headers, requestId, converted, mode, request, warnings);
  }

  #toResult(
    completion: OpenAI.Chat.ChatCompletion,
    headers: Headers,
    requestId: string | undefined,
    converted: OpenAIRequest,
    mode: OpenAIOutputMode,
    request: GenerateRequest,
    warnings: string[],
  ): GenerateResult {
    const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
    const message = choice?.message;
    const refusal =
      typeof message?.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
    const content = typeof message?.content === 'string' ? message.content : '';
    const finishReason: FinishReason =
      refusal !== undefined ? 'refusal' : mapOpenAIFinishReason(choice?.finish_reason);
    const text = refusal !== undefined && content === '' ? refusal : content;
    let object: unknown;
    if (mode !== 'text' && request.output && finishReason !== 'length' && finishReason !== 'refusal') {
      const parsed = parseJsonText(text);
      if (parsed.ok) {
        const value = unwrapRootValue(parsed.value, converted.wrapped);
        object = converted.strict ? stripNullOptionalProperties(value, request.output.schema) : value;
      }
    }
    if (
      object === undefined &&
      text.trim() === '' &&
      finishReason !== 'refusal' &&
      finishReason !== 'length'
    ) {
      throw new ProviderError({
        kind: 'invalid_output',
        message: `${capitalize(this.#runtime.profile.label)} returned an empty completion for '${this.modelId}' (finish_reason ${choice?.finish_reason ?? 'none'}). Retry the request.`,
        provider: this.provider,
        ...(requestId !== undefined ? { requestId } : {}),
      });
    }
    const result: GenerateResult = {
      text: object !== undefined && converted.wrapped ? JSON.stringify(object) : text,
      finishReason,
      usage: mapOpenAIUsage(completion.usage as OpenAIUsageLike | undefined),
      outputMode: mode,
      warnings,
    };
    if (object !== undefined) result.object = object;
    const rateLimit = parseOpenAIRateLimitHeaders(headers);
    if (rateLimit) result.rateLimit = rateLimit;
    if (requestId) result.requestId = requestId;
    return result;
  }
}
