import type { SynthesisConfig } from '@datasynth/core';
import { z } from 'zod';

/**
 * The run settings a `datasynth generate` user sets on the command line (`--concurrency`,
 * `--batch-size`, `--max-retries`, `--rpm`, `--tpm`), plus the per-call timeout, as tool arguments.
 */
export const runSettingsShape = {
  concurrency: z
    .union([z.literal('auto'), z.number().int().min(1).max(512)])
    .optional()
    .describe("Calls in flight: 'auto' (default) adapts to the provider's limits; a number caps it."),
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Records asked for per call (default 10).'),
  max_retries: z
    .number()
    .int()
    .min(0)
    .max(20)
    .optional()
    .describe('Retries of one call for rate limits, overload, server and network errors (default 3).'),
  rpm: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      "Requests per minute at most; the provider's own limit from its rate-limit headers holds when lower.",
    ),
  tpm: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Tokens (input + output) per minute at most; the provider's own limit holds when lower."),
  timeout_ms: z
    .number()
    .int()
    .min(1000)
    .optional()
    .describe('Time one call may take before it is abandoned and retried, in milliseconds (default 120000).'),
};

/** The parsed values of {@link runSettingsShape}. */
export interface RunSettingsArguments {
  concurrency?: 'auto' | number | undefined;
  batch_size?: number | undefined;
  max_retries?: number | undefined;
  timeout_ms?: number | undefined;
  rpm?: number | undefined;
  tpm?: number | undefined;
}

/** Core settings for the run-settings arguments that were given. */
export function toRunSettings(args: RunSettingsArguments): SynthesisConfig {
  return {
    ...(args.concurrency !== undefined && { concurrency: args.concurrency }),
    ...(args.batch_size !== undefined && { batchSize: args.batch_size }),
    ...(args.max_retries !== undefined && { maxRetries: args.max_retries }),
    ...(args.timeout_ms !== undefined && { requestTimeoutMs: args.timeout_ms }),
    ...(args.rpm !== undefined && { rpm: args.rpm }),
    ...(args.tpm !== undefined && { tpm: args.tpm }),
  };
}
