import type { Usage } from '../spec/generate-result.js';

/** The usage fields Anthropic reports (all optional here: compatible servers omit some). */
export interface AnthropicUsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Anthropic usage → spec usage (Anthropic's `input_tokens` already excludes cached tokens). */
export function mapAnthropicUsage(usage: AnthropicUsageLike | null | undefined): Usage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
  };
}
