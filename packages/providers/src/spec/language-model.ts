import type { BatchCapability } from './batch-capability.js';
import type { GenerateOptions, GenerateRequest } from './generate-request.js';
import type { GenerateResult } from './generate-result.js';

/** Name of a provider family. */
export type ProviderName = 'anthropic' | 'openai' | 'openai-compatible';

/** What a model can do, so callers plan without trial and error. */
export interface LanguageModelCapabilities {
  /** How structured output is requested first (it may step down at run time, see `outputMode`). */
  structuredOutput: 'tool' | 'json_schema' | 'json_object' | 'none';
  /** Whether the provider caches prompt prefixes (and reports cache usage). */
  promptCaching: boolean;
  /** Whether the model offers a batch API ({@link LanguageModel.batch} is then set). */
  batch: boolean;
  /**
   * Which sampling settings the model takes. A caller should send a temperature only where
   * `temperature` is true and vary its requests otherwise through the prompt. Absent: not known,
   * as for a self-hosted server's models, which usually take both.
   */
  sampling?: SamplingCapability;
}

/** Whether a model accepts sampling settings (some refuse them with a 400, even at their defaults). */
export interface SamplingCapability {
  temperature: boolean;
  topP: boolean;
}

/**
 * A language model behind the versioned provider spec (`'v1'`). Adapters never retry: retry and
 * pacing belong to the caller, which sees every request at once.
 */
export interface LanguageModel {
  /** Version of this spec the model implements. */
  readonly specificationVersion: 'v1';
  /** Provider family. */
  readonly provider: ProviderName;
  /** Model id as the provider knows it (no `ollama:`-style prefix). */
  readonly modelId: string;
  /** What the model can do. */
  readonly capabilities: LanguageModelCapabilities;
  /**
   * Sends one request. Throws a `ProviderError` for every failure (HTTP, network, timeout,
   * abort, empty completion); returns refusals and truncations with their `finishReason`.
   */
  generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult>;
  /** Exact input-token count from the provider's count-tokens endpoint, when it has one (Anthropic). */
  countTokens?(request: GenerateRequest, options?: GenerateOptions): Promise<number>;
  /**
   * The provider's batch API (half price, asynchronous), when it has one. Batch requests are
   * converted and their answers read exactly like `generate`'s.
   */
  readonly batch?: BatchCapability;
}
