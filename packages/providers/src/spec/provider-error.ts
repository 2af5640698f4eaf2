/** What went wrong, in terms a caller can act on. */
export type ProviderErrorKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'invalid_request'
  | 'quota'
  | 'refusal'
  | 'invalid_output'
  | 'aborted';

/** Fields of a {@link ProviderError}. */
export interface ProviderErrorOptions {
  /** What went wrong. */
  kind: ProviderErrorKind;
  /** One line: what happened and what to do. Must never contain a secret. */
  message: string;
  /** Defaults to true for rate_limit, overloaded, server, timeout and network. */
  retryable?: boolean;
  /** How long the provider asked the caller to wait before retrying. */
  retryAfterMs?: number;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Provider family (`'anthropic'`, `'openai'`, `'openai-compatible'`). */
  provider?: string;
  /** The provider's request id. */
  requestId?: string;
}

const retryableKinds: ReadonlySet<ProviderErrorKind> = new Set([
  'rate_limit',
  'overloaded',
  'server',
  'timeout',
  'network',
]);

/** Whether failures of this kind may succeed when retried. */
export function isRetryableKind(kind: ProviderErrorKind): boolean {
  return retryableKinds.has(kind);
}

const marker = Symbol.for('@datasynth/providers/ProviderError');

/**
 * The one error every adapter throws. It carries only safe, copied fields (never the SDK error,
 * its headers, or the API key), so it can be logged and serialised as is.
 */
export class ProviderError extends Error {
  /** What went wrong. */
  readonly kind: ProviderErrorKind;
  /** Whether retrying the same request may succeed. */
  readonly retryable: boolean;
  /** How long to wait before retrying, when the provider said so. */
  readonly retryAfterMs?: number;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** Provider family. */
  readonly provider?: string;
  /** The provider's request id. */
  readonly requestId?: string;

  /** Creates an error; `retryable` defaults from the kind. */
  constructor(options: ProviderErrorOptions) {
    super(options.message);
    Object.defineProperty(this, 'name', { value: 'ProviderError', writable: true, configurable: true });
    this.kind = options.kind;
    this.retryable = options.retryable ?? isRetryableKind(options.kind);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.requestId !== undefined) this.requestId = options.requestId;
  }

  /** True for any `ProviderError`, also one made by another copy of this package. */
  static isInstance(value: unknown): value is ProviderError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** A plain serialisable form, message included. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      provider: this.provider,
      requestId: this.requestId,
    };
  }
}

Object.defineProperty(ProviderError.prototype, marker, { value: true, enumerable: false });
