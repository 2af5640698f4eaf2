import type { SdkLogger } from './sdk-logger.js';

/** What DataSynth's settings decide about an official SDK client. */
export interface SdkClientSettings {
  baseURL: string | undefined;
  headers: Record<string, string> | undefined;
  timeoutMs: number;
  logger: SdkLogger;
}

/**
 * The client options both official SDKs (same generator, same option names) receive: the SDK's
 * own retries are off because retrying is the caller's policy, and its log lines go to the
 * collecting logger instead of the console.
 */
export function sdkClientOptions(settings: SdkClientSettings) {
  return {
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.headers ? { defaultHeaders: settings.headers } : {}),
    timeout: settings.timeoutMs,
    maxRetries: 0,
    logger: settings.logger,
    logLevel: 'warn' as const,
  };
}
