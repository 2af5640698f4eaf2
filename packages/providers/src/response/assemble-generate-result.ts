import type {
  FinishReason,
  GenerateResult,
  OutputMode,
  RateLimitSnapshot,
  Usage,
} from '../spec/generate-result.js';

/** What an adapter read from one answer, before it becomes a `GenerateResult`. */
export interface GenerateResultParts {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  outputMode: OutputMode;
  warnings: string[];
  object: unknown;
  rateLimit: RateLimitSnapshot | undefined;
  requestId: string | undefined;
  /** The model id the provider reported answering with. */
  model: string | undefined;
}

/** Builds the result every adapter returns, leaving out the optional fields it has no value for. */
export function assembleGenerateResult(parts: GenerateResultParts): GenerateResult {
  const result: GenerateResult = {
    text: parts.text,
    finishReason: parts.finishReason,
    usage: parts.usage,
    outputMode: parts.outputMode,
    warnings: parts.warnings,
  };
  if (parts.object !== undefined) result.object = parts.object;
  if (parts.rateLimit) result.rateLimit = parts.rateLimit;
  if (parts.requestId) result.requestId = parts.requestId;
  if (typeof parts.model === 'string' && parts.model !== '') result.model = parts.model;
  return result;
}
