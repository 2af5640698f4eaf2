import type { FinishReason } from '../spec/generate-result.js';

/** OpenAI `finish_reason` → spec finish reason. */
export function mapOpenAIFinishReason(finishReason: string | null | undefined): FinishReason {
  switch (finishReason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool';
    case 'content_filter':
      return 'refusal';
    default:
      return 'unknown';
  }
}
