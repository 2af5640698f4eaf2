import type { BatchResultLine } from '../spec/batch-capability.js';
import type { GenerateRequest, StructuredOutputRequest } from '../spec/generate-request.js';
import type { GenerateResult } from '../spec/generate-result.js';
import { ProviderError } from '../spec/provider-error.js';

/**
 * The request a batch's answers are read against: no prompt, only the structured output asked
 * for, so the adapter converts it to the same output mode and root wrapping it submitted.
 */
export function batchReadingRequest(output: StructuredOutputRequest | undefined): GenerateRequest {
  return { system: [], messages: [], maxTokens: 1, ...(output && { output }) };
}

/**
 * Reads one successful batch answer exactly as `generate` reads an online one; an answer that
 * reads as a provider error (empty, refused…) becomes an `errored` line instead.
 */
export function readBatchAnswer(customId: string, read: () => GenerateResult): BatchResultLine {
  try {
    return { customId, status: 'succeeded', result: read() };
  } catch (error) {
    if (!ProviderError.isInstance(error)) throw error;
    return { customId, status: 'errored', error };
  }
}
