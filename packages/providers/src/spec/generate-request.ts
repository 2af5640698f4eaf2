import type { JsonSchema } from './json-schema.js';

/** One block of the system prompt. */
export interface SystemBlock {
  /** The text of the block. */
  text: string;
  /**
   * Marks the end of a stable prefix for prompt caching. Anthropic sends `cache_control:
   * { type: 'ephemeral' }` on this block; OpenAI caches stable prefixes by itself.
   */
  cache?: boolean;
}

/** One turn of the conversation. */
export interface ChatMessage {
  /** Who speaks. */
  role: 'user' | 'assistant';
  /** Plain text content. */
  content: string;
}

/** What a structured answer must look like. */
export interface StructuredOutputRequest {
  /** Name of the output (tool name / JSON-schema name); sanitised to `[A-Za-z0-9_-]{1,64}`. */
  name: string;
  /** What the output is for; shown to the model. */
  description?: string;
  /** JSON Schema the answer must follow. A non-object root is wrapped and unwrapped transparently. */
  schema: JsonSchema;
}

/** One call to a language model. */
export interface GenerateRequest {
  /** System prompt blocks, in order. Empty blocks are dropped. */
  system: SystemBlock[];
  /** The conversation, oldest first; usually ends with a user turn. */
  messages: ChatMessage[];
  /** Ask for structured output following a JSON Schema. */
  output?: StructuredOutputRequest;
  /** Sampling temperature; the provider's default when absent. */
  temperature?: number;
  /** Upper bound on output tokens. */
  maxTokens: number;
}

/** Per-call options of {@link LanguageModel.generate}. */
export interface GenerateOptions {
  /** Aborting it cancels the HTTP request; the call then fails with kind `'aborted'`. */
  signal?: AbortSignal;
}
