import type { StopReason, SynthesisErrorCode } from '@datasynth/core';

/** Process exit codes of `datasynth`, documented in the README. */
export const EXIT_CODES = {
  ok: 0,
  /**
   * A run that started stopped on an error (a provider error such as a key rejected mid-run, or a
   * journal or output write that failed: resumable) or gave up, invalid records in `validate`, or an
   * unexpected error.
   */
  failure: 1,
  /**
   * Bad arguments, schema, seeds, config, output path, an output another process is writing, or a
   * missing API key: nothing was started.
   */
  usage: 2,
  /** The cost cap was reached (resumable). */
  budget: 3,
  /** The provider quota is exhausted (resumable). */
  quota: 4,
  /**
   * The model server could not be reached (connection refused or reset, DNS or TLS failure) or
   * stopped answering (calls timed out in a row): not a reject. Nothing accepted: nothing is left
   * behind, run again; otherwise resumable.
   */
  unreachable: 5,
  /** Cancelled with Ctrl-C (resumable). */
  cancelled: 130,
} as const;

const STOP_EXIT_CODES: Record<StopReason, number> = {
  done: EXIT_CODES.ok,
  budget: EXIT_CODES.budget,
  quota: EXIT_CODES.quota,
  cancelled: EXIT_CODES.cancelled,
  error: EXIT_CODES.failure,
  'max-attempts': EXIT_CODES.failure,
  unreachable: EXIT_CODES.unreachable,
};

// A SynthesisError thrown before the run started means "nothing was started: fix the input" (one
// thrown after the start exits 1: see run-synthesis.ts); a Record keeps this total when core adds codes.
const SYNTHESIS_ERROR_EXIT_CODES: Record<SynthesisErrorCode, number> = {
  invalid_input: EXIT_CODES.usage,
  schema_mismatch: EXIT_CODES.usage,
  exists: EXIT_CODES.usage,
  locked: EXIT_CODES.usage,
  unpriced_model: EXIT_CODES.usage,
  no_api_key: EXIT_CODES.usage,
  io: EXIT_CODES.usage,
};

/** The exit code for how a run ended. */
export function exitCodeForStop(reason: StopReason): number {
  return STOP_EXIT_CODES[reason] ?? EXIT_CODES.failure;
}

/** The exit code for a SynthesisError code. */
export function exitCodeForSynthesisError(code: SynthesisErrorCode): number {
  return SYNTHESIS_ERROR_EXIT_CODES[code] ?? EXIT_CODES.usage;
}
