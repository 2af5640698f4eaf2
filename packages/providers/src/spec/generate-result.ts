/** Why the model stopped. `'tool'` means a forced tool call delivered the structured answer. */
export type FinishReason = 'stop' | 'length' | 'refusal' | 'tool' | 'unknown';

/** Token usage of one call. The four counters are disjoint: their sum is all input plus output. */
export interface Usage {
  /** Input tokens neither read from nor written to the prompt cache. */
  inputTokens: number;
  /** Output tokens. */
  outputTokens: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: number;
  /** Input tokens written to the prompt cache. */
  cacheWriteTokens: number;
}

/** Rate-limit state the provider reported with a response (absent fields were not reported). */
export interface RateLimitSnapshot {
  /** Requests allowed per window. */
  requestsLimit?: number;
  /** Requests left in the current window. */
  requestsRemaining?: number;
  /** Tokens allowed per window (the most restrictive token limit reported). */
  tokensLimit?: number;
  /** Tokens left in the current window. */
  tokensRemaining?: number;
  /** Milliseconds until an exhausted limit resets, or, when none is exhausted, until the soonest reset. */
  resetMs?: number;
  /**
   * Each limit as reported, by what it counts: `tokens` is input plus output (OpenAI
   * `x-ratelimit-*-tokens`, Anthropic `anthropic-ratelimit-tokens-*`), `inputTokens` and
   * `outputTokens` are Anthropic's separate per-minute limits. A pacer models each as a token
   * bucket: `limit` per minute refilled, `remaining` in it now, full again after `resetMs`.
   */
  limits?: RateLimitReadings;
}

/** What one rate limit reported (absent fields were not reported). */
export interface RateLimitReading {
  /** Allowed per minute. */
  limit?: number;
  /** Left now. */
  remaining?: number;
  /** Milliseconds until the limit is fully replenished. */
  resetMs?: number;
}

/** The rate limits a response reported, by what each one counts. */
export interface RateLimitReadings {
  requests?: RateLimitReading;
  tokens?: RateLimitReading;
  inputTokens?: RateLimitReading;
  outputTokens?: RateLimitReading;
}

/** How structured output was actually requested on the wire. */
export type OutputMode = 'tool' | 'native_json_schema' | 'json_schema' | 'json_object' | 'text';

/** The answer of one call. */
export interface GenerateResult {
  /** Raw text of the answer; for tool use, `JSON.stringify` of the tool input. */
  text: string;
  /**
   * The parsed answer when structured output was requested, honoured, and parsed; otherwise
   * undefined and the caller parses {@link GenerateResult.text} itself.
   */
  object?: unknown;
  /** Why the model stopped. A refusal is returned here, never thrown. */
  finishReason: FinishReason;
  /** Token usage. */
  usage: Usage;
  /** Rate-limit headers of the response, when the provider sent any. */
  rateLimit?: RateLimitSnapshot;
  /** The provider's request id, for support tickets. */
  requestId?: string;
  /**
   * The model id the provider reports having answered with (Anthropic `Message.model`, OpenAI
   * `ChatCompletion.model`; both in the official SDKs' response types, @anthropic-ai/sdk 1.14 and
   * openai 6.49, read 2026-12-06). It may name a dated snapshot of the id asked for; absent when the
   * provider reported none.
   */
  model?: string;
  /** The output mode actually used (after any step-down). */
  outputMode: OutputMode;
  /** Things the caller should know: model deprecations, output-mode step-downs, dropped settings. */
  warnings: string[];
}
