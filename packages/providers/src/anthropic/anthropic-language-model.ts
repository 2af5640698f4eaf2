import type Anthropic from '@anthropic-ai/sdk';
import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { bindSdkCall, type SdkCall } from '../request/call-with-deadline.js';
import { captureConsoleWarnings } from '../request/capture-console-warnings.js';
import { oneLine } from '../request/one-line.js';
import { isOutputModeRejection } from '../request/output-mode-rejection.js';
import { RemovedConstraintsNotice } from '../request/removed-constraints-notice.js';
import type { BatchCapability } from '../spec/batch-capability.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import type { GenerateResult } from '../spec/generate-result.js';
import type { LanguageModel, LanguageModelCapabilities } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { AnthropicBatch } from './anthropic-batch.js';
import { type AnthropicOutputMode, toAnthropicRequest } from './convert-to-anthropic-request.js';
import { readAnthropicMessage } from './read-anthropic-message.js';

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

/** A Claude model over the official Anthropic SDK. */
export class AnthropicLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic' as const;
  readonly modelId: string;
  readonly capabilities: LanguageModelCapabilities = {
    structuredOutput: 'tool',
    promptCaching: true,
    batch: true,
    // API version 2026-10-21 (SDK 1.x) rejects temperature and top_p on every model (see
    // convert-to-anthropic-request.ts).
    sampling: { temperature: false, topP: false },
  };
  /** Message Batches: half price, answered within 24 hours. */
  readonly batch: BatchCapability;
  #nativeStructuredOutput: boolean;
  #temperatureWarned = false;
  readonly #removedNotice = new RemovedConstraintsNotice();
  readonly #runtime: AnthropicModelRuntime;
  readonly #call: SdkCall<Anthropic>;

  /** Use `createAnthropic(settings)(modelId)` instead. */
  constructor(
    modelId: string,
    runtime: AnthropicModelRuntime,
    options: { nativeStructuredOutput?: boolean } = {},
  ) {
    this.modelId = modelId;
    this.#runtime = runtime;
    this.#call = bindSdkCall(runtime, modelId);
    this.#nativeStructuredOutput = options.nativeStructuredOutput ?? false;
    this.batch = new AnthropicBatch({
      modelId,
      errorContext: () => runtime.errorContext(),
      modeOf: (request) => this.#modeOf(request),
      convert: (request, mode) => toAnthropicRequest(request, modelId, mode),
      call: this.#call,
    });
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
    const mode = this.#modeOf(request);
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
    const mode = this.#modeOf(request);
    const { params } = toAnthropicRequest(request, this.modelId, mode);
    const { max_tokens: _maxTokens, ...countParams } = params;
    return await this.#call(options?.signal, async (client, requestOptions) => {
      const counted = await client.messages.countTokens(countParams, requestOptions);
      return counted.input_tokens;
    });
  }

  #modeOf(request: Pick<GenerateRequest, 'output'>): AnthropicOutputMode {
    if (!request.output) return 'text';
    return this.#nativeStructuredOutput ? 'native_json_schema' : 'tool';
  }

  async #send(
    request: GenerateRequest,
    mode: AnthropicOutputMode,
    warnings: string[],
    userSignal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const converted = toAnthropicRequest(request, this.modelId, mode);
    const removed = this.#removedNotice.warningFor(
      'Anthropic structured output (output_config.format)',
      converted.removedConstraints,
    );
    if (removed) warnings.push(removed);
    const { data, response, requestId } = await this.#call(userSignal, async (client, requestOptions) => {
      const { value: pending, warnings: printed } = captureConsoleWarnings(() =>
        client.messages.create(converted.params, requestOptions),
      );
      warnings.push(...printed.map(oneLine));
      const { data, response, request_id } = await pending.withResponse();
      return { data, response, requestId: request_id ?? undefined };
    });
    warnings.push(...this.#runtime.drainLogWarnings());
    return readAnthropicMessage({
      message: data,
      modelId: this.modelId,
      converted,
      mode,
      warnings,
      requestId,
      headers: response.headers,
    });
  }
}
