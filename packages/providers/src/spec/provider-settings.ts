/** Settings shared by every adapter factory. */
export interface ProviderSettings {
  /** API key; defaults to the provider's environment variable, read at the first request. */
  apiKey?: string;
  /** Base URL of the API; defaults to the provider's `*_BASE_URL` environment variable. */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Time limit of one request in milliseconds, response body included (default 120 000). */
  timeoutMs?: number;
}
