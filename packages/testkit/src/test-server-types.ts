import type { TokenBucketOptions } from './rate-limit-bucket.js';

/** Probabilities (0..1) per request of each fault the server can serve instead of a normal answer. */
export interface TestServerFaults {
  /** 429 `rate_limit_error` with `retry-after` (seconds) and `retry-after-ms` headers. */
  rateLimit?: number;
  /** 429 meaning exhausted spend or quota (Anthropic: "usage limits"; OpenAI: `insufficient_quota`). */
  quota?: number;
  /** 500 `api_error` (Anthropic) / `server_error` (OpenAI). */
  server?: number;
  /** Anthropic 529 `overloaded_error`; OpenAI 503. */
  overloaded?: number;
  /** The socket is reset after the request body is read (ECONNRESET on the client). */
  reset?: number;
  /** The server never answers, until the client gives up or the server closes. */
  hang?: number;
  /** Output cut off: `stop_reason: 'max_tokens'` / `finish_reason: 'length'`, JSON cut mid-record. */
  truncate?: number;
  /** 200 whose text is not valid JSON. */
  malformed?: number;
  /** 200 with empty content. */
  empty?: number;
  /** Anthropic `stop_reason: 'refusal'`; OpenAI `message.refusal` set with `finish_reason: 'stop'`. */
  refusal?: number;
}

/** Name of one fault kind, as counted in {@link TestServerStats.faults}. */
export type FaultKind = keyof TestServerFaults;

/** Per generated record probabilities of planting a record the client pipeline must reject. */
export interface TestServerPlant {
  /** Repeat an earlier emitted record exactly. */
  exactDuplicate?: number;
  /** Repeat an earlier record with one word changed in its longest text field. */
  nearDuplicate?: number;
  /** Violate the schema: drop a required field, or use a wrong type or an out-of-enum value. */
  invalid?: number;
  /**
   * Copy one of `records` verbatim (say, items of a held-out evaluation set, to test a
   * contamination guard) with probability `share` per record. Delivered copies are listed in
   * {@link TestServerStats.echoed}.
   */
  echo?: { records: readonly unknown[]; share: number };
  /**
   * Put `value` (say, the client's own API key, to test that it never reaches the output) into the
   * longest text field of a fresh record, with probability `share` per record. Delivered records
   * carrying it are counted in {@link TestServerStats.textPlanted}; duplicates never copy them.
   */
  text?: { value: string; share: number };
}

/** Behaviour of the emulated Anthropic Message Batches and OpenAI Batch APIs. */
export interface TestServerBatchOptions {
  /** Time from creation until a batch ends (default 50 ms). */
  processingMs?: number;
  /** Share (0..1) of batch requests that end errored. */
  errorRate?: number;
  /** Every batch ends expired, with no successful results. */
  expireAll?: boolean;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `'127.0.0.1'`. */
  host?: string;
  /** PRNG seed: the same seed and the same requests in the same order give the same answers (default 1). */
  seed?: number;
  /** Base latency per response in milliseconds (default 0). */
  latencyMs?: number;
  /** Uniform extra latency of 0..jitterMs milliseconds. */
  jitterMs?: number;
  /** Requests per minute (sliding window); over it the server answers 429 with `retry-after`. */
  rpm?: number;
  /** Input plus output tokens per minute (sliding window); over it the server answers 429. */
  tpm?: number;
  /**
   * Length of the rpm/tpm sliding window in milliseconds (default 60 000). Not part of the real APIs:
   * lets a test exercise limits and the SDKs' waits in well under a minute.
   */
  rateLimitWindowMs?: number;
  /**
   * Enforce limits as token buckets, the way both providers describe theirs (replaces `rpm`/`tpm`):
   * each bucket holds `burstSeconds` of its per-minute rate, refills continuously, and every
   * response says what it holds (`remaining`) and when it is full again (`reset`), in the
   * provider's header names; an empty bucket answers 429 with `retry-after`.
   */
  tokenBucket?: TokenBucketOptions;
  /** Probabilities per request, drawn in declaration order from one uniform draw: at most one fault per request. */
  faults?: TestServerFaults;
  /** Probabilities per generated record of planting duplicates and invalid records. */
  plant?: TestServerPlant;
  /** Anthropic: answer 400 `invalid_request_error` to requests using `output_config.format` / `output_format`. */
  rejectNativeStructuredOutput?: boolean;
  /**
   * OpenAI-compatible servers without JSON-schema output: answer 400 `invalid_request_error` with
   * `param: 'response_format'` to `response_format: { type: 'json_schema' }`.
   */
  rejectJsonSchema?: boolean;
  /** Servers without JSON mode: answer 400 naming `response_format` to `{ type: 'json_object' }`. */
  rejectJsonObject?: boolean;
  /**
   * Cut every answer whose output would exceed the request's `max_tokens` (as the real APIs do),
   * with `stop_reason: 'max_tokens'` / `finish_reason: 'length'`. Off by default.
   */
  enforceMaxTokens?: boolean;
  /** Batch API behaviour. */
  batch?: TestServerBatchOptions;
  /**
   * Appended to the model id asked for to make the id an answer reports (`model` of a Message or
   * ChatCompletion), as the real APIs report a dated snapshot of an alias (`-20260101`). Unset: the
   * id asked for is reported as is.
   */
  modelSnapshot?: string;
}

/** Token counters, summed over every answer served (batch results included). */
export interface TestServerTokenStats {
  /** Uncached input tokens (Anthropic `input_tokens`; OpenAI `prompt_tokens - cached_tokens`). */
  input: number;
  /** Output tokens. */
  output: number;
  /** Input tokens read from the prompt cache. */
  cacheRead: number;
  /** Input tokens written to the prompt cache (Anthropic only). */
  cacheWrite: number;
}

/** Counts of structured-output modes seen in generation requests. */
export interface StructuredRequestStats {
  /** Forced tool use (Anthropic `tools`, OpenAI `tools` with function calling). */
  tool: number;
  /** Anthropic native structured output (`output_config.format` / `output_format`). */
  nativeJsonSchema: number;
  /** OpenAI `response_format: { type: 'json_schema' }`. */
  jsonSchema: number;
  /** OpenAI `response_format: { type: 'json_object' }`. */
  jsonObject: number;
  /** Plain text requests. */
  text: number;
}

/** A snapshot of what the server has seen and served since start (or the last `resetStats()`). */
export interface TestServerStats {
  /** Requests by route key, e.g. `'POST /v1/messages'`, `'POST /v1/chat/completions'`. */
  requests: Record<string, number>;
  /** All requests, any route. */
  totalRequests: number;
  /** Records written into successful responses, planted ones included (complete records only). */
  recordsEmitted: number;
  /** Planted records actually delivered, by kind. */
  planted: { exactDuplicate: number; nearDuplicate: number; invalid: number };
  /** Positions in `plant.echo.records` of the echoed copies actually delivered, in delivery order. */
  echoed: number[];
  /** Records actually delivered carrying `plant.text.value`. */
  textPlanted: number;
  /** Request ids (`request-id` / `x-request-id` headers) of the online generation answers delivered, in order. */
  answeredRequestIds: string[];
  /** Faults actually served, by kind. */
  faults: Record<string, number>;
  /** 429 answers caused by the rpm/tpm limits (not the random `rateLimit` fault). */
  rateLimited: number;
  /** Token counters. */
  tokens: TestServerTokenStats;
  /** Most requests in flight at once. */
  maxConcurrent: number;
  /** Anthropic system/message content blocks seen carrying `cache_control`. */
  cacheControlBlocks: number;
  /** Generation requests by structured-output mode. */
  structuredRequests: StructuredRequestStats;
}

/** A running loopback server. */
export interface TestServer {
  /** `'http://127.0.0.1:PORT'`. */
  url: string;
  /** Base URL for the Anthropic SDK (same as `url`). */
  anthropicBaseURL: string;
  /** Base URL for the OpenAI SDK (`url + '/v1'`). */
  openaiBaseURL: string;
  /** The port listened on. */
  port: number;
  /** A snapshot copy of the counters. */
  stats(): TestServerStats;
  /** Sets every counter back to zero. */
  resetStats(): void;
  /**
   * Ends every batch still processing now, as if its `processingMs` had passed. With a long
   * `processingMs`, a test decides exactly when batches end instead of racing a timer.
   */
  finishBatches(): void;
  /** Stops listening and destroys every socket, hung requests included. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
