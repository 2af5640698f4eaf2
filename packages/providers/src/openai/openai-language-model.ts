import type OpenAI from 'openai';
import type { ErrorContext } from '../errors/normalize-provider-error.js';
import { capitalize } from '../errors/provider-label.js';
import { bindSdkCall, type SdkCall } from '../request/call-with-deadline.js';
import { isOutputModeRejection } from '../request/output-mode-rejection.js';
import { RemovedConstraintsNotice } from '../request/removed-constraints-notice.js';
import type { BatchCapability } from '../spec/batch-capability.js';
import type { GenerateOptions, GenerateRequest } from '../spec/generate-request.js';
import type { GenerateResult } from '../spec/generate-result.js';
import type { LanguageModel, LanguageModelCapabilities, ProviderName } from '../spec/language-model.js';
import { ProviderError } from '../spec/provider-error.js';
import { type OpenAIRequest, toOpenAIRequest } from './convert-to-openai-request.js';
import { OpenAIBatch } from './openai-batch.js';
import type { OpenAICompatProfile, OpenAIOutputMode } from './openai-compat-profile.js';
import { openAISampling } from './openai-sampling.js';
import { readOpenAICompletion } from './read-openai-completion.js';

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

/** A chat model over the official OpenAI SDK (OpenAI itself or a compatible server). */
export class OpenAILanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: ProviderName;
  readonly modelId: string;
  readonly capabilities: LanguageModelCapabilities;
  /** The Batch API (OpenAI itself only): half price, answered within 24 hours. */
  readonly batch?: BatchCapability;
  readonly #runtime: OpenAIModelRuntime;
  readonly #call: SdkCall<OpenAI>;
  #modeIndex = 0;
  #modeAnnounced = false;
  #temperatureWarned = false;
  readonly #removedNotice = new RemovedConstraintsNotice();

  /** Use `createOpenAI(settings)(modelId)` instead. */
  constructor(modelId: string, runtime: OpenAIModelRuntime) {
    this.modelId = modelId;
    this.#runtime = runtime;
    this.#call = bindSdkCall(runtime, modelId);
    this.provider = runtime.profile.provider;
    this.capabilities = {
      ...runtime.profile.capabilities,
      // OpenAI's own models are known; a compatible server's models are the server's business.
      ...(runtime.profile.provider === 'openai' && { sampling: openAISampling(modelId) }),
    };
    if (this.capabilities.batch) {
      this.batch = new OpenAIBatch({
        modelId,
        profile: runtime.profile,
        errorContext: () => runtime.errorContext(),
        convert: (request) => {
          const mode = this.#modeOf(request);
          const dropTemperature = this.#dropsTemperature(request);
          return {
            converted: toOpenAIRequest(request, modelId, mode, runtime.profile, { dropTemperature }),
            mode,
          };
        },
        call: this.#call,
      });
    }
  }

  /**
   * Sends one Chat Completions request. When the server rejects the output mode with a 400, steps
   * down once (json_schema → json_object → text), remembers it for this model, and warns.
   */
  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    const warnings: string[] = [];
    const { profile } = this.#runtime;
    const dropTemperature = this.#dropsTemperature(request);
    if (dropTemperature && !this.#temperatureWarned) {
      this.#temperatureWarned = true;
      warnings.push(
        `'${this.modelId}' takes no temperature; the requested ${request.temperature} was not sent (warned once per model).`,
      );
    }
    for (;;) {
      const modeIndex = request.output ? this.#modeIndex : profile.outputModes.length - 1;
      const mode = this.#modeOf(request);
      const converted = toOpenAIRequest(request, this.modelId, mode, profile, { dropTemperature });
      const removed = this.#removedNotice.warningFor(
        'OpenAI strict structured output',
        converted.removedConstraints,
      );
      if (removed) warnings.push(removed);
      try {
        const result = await this.#send(converted, mode, request, warnings, options?.signal);
        this.#announceMode(request, mode, warnings);
        return result;
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
          `${capitalize(profile.label)} rejected output mode '${mode}' for '${this.modelId}' (${error.message}); trying '${next}'.`,
        );
      }
    }
  }

  /**
   * A compatible server's mode is found by trying (best first, stepping down on refusals); once a
   * structured answer comes back, the caller hears which mode this model keeps for the run.
   */
  #announceMode(request: GenerateRequest, mode: OpenAIOutputMode, warnings: string[]): void {
    const { profile } = this.#runtime;
    if (this.#modeAnnounced || !request.output || profile.provider !== 'openai-compatible') return;
    this.#modeAnnounced = true;
    const best = profile.outputModes[0];
    const how =
      mode === best ? 'its best structured-output mode' : `a step down from '${best}', which it refused`;
    warnings.push(
      `${capitalize(profile.label)} answers '${this.modelId}' in output mode '${mode}' (${how}); this model uses it for the rest of the run.`,
    );
  }

  #modeOf(request: Pick<GenerateRequest, 'output'>): OpenAIOutputMode {
    return request.output ? (this.#runtime.profile.outputModes[this.#modeIndex] ?? 'text') : 'text';
  }

  #dropsTemperature(request: GenerateRequest): boolean {
    return request.temperature !== undefined && this.capabilities.sampling?.temperature === false;
  }

  async #send(
    converted: OpenAIRequest,
    mode: OpenAIOutputMode,
    request: GenerateRequest,
    warnings: string[],
    userSignal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const {
      data: completion,
      response,
      request_id,
    } = await this.#call(userSignal, (client, requestOptions) =>
      client.chat.completions.create(converted.params, requestOptions).withResponse(),
    );
    const headers = response.headers;
    const requestId = request_id ?? undefined;
    warnings.push(...this.#runtime.drainLogWarnings());
    return readOpenAICompletion({
      completion,
      modelId: this.modelId,
      profile: this.#runtime.profile,
      converted,
      mode,
      output: request.output,
      warnings,
      requestId,
      headers,
    });
  }
}
