export type { AnthropicModelSettings, AnthropicSettings } from './anthropic/anthropic-settings.js';
export { type AnthropicProvider, anthropic, createAnthropic } from './anthropic/create-anthropic.js';
export { toProviderError } from './errors/to-provider-error.js';
export { inferProvider, type ResolveModelSettings, resolveModel } from './model/resolve-model.js';
export { createOpenAI, type OpenAIProvider, openai } from './openai/create-openai.js';
export type { OpenAICompat, OpenAISettings } from './openai/openai-settings.js';
export { stripNullOptionalProperties } from './schema/strip-null-optional-properties.js';
export { toOpenAIStrictSchema } from './schema/to-openai-strict-schema.js';
export type {
  BatchCapability,
  BatchInfo,
  BatchLimits,
  BatchRequest,
  BatchRequestCounts,
  BatchResultLine,
  BatchResultsOptions,
  BatchStatus,
} from './spec/batch-capability.js';
export type {
  ChatMessage,
  GenerateOptions,
  GenerateRequest,
  StructuredOutputRequest,
  SystemBlock,
} from './spec/generate-request.js';
export type {
  FinishReason,
  GenerateResult,
  OutputMode,
  RateLimitReading,
  RateLimitReadings,
  RateLimitSnapshot,
  Usage,
} from './spec/generate-result.js';
export type { JsonSchema } from './spec/json-schema.js';
export type {
  LanguageModel,
  LanguageModelCapabilities,
  ProviderName,
  SamplingCapability,
} from './spec/language-model.js';
export { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from './spec/provider-error.js';
export type { ProviderSettings } from './spec/provider-settings.js';
