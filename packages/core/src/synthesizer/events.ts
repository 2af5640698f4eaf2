import type { TokenUsage } from '@datasynth/cost';

/** Why a run ended. */
export type StopReason = 'done' | 'budget' | 'cancelled' | 'quota' | 'error' | 'max-attempts';

/** Counters of a run so far (including what a resumed run found on disk). */
export interface SynthesisProgress {
  accepted: number;
  target: number;
  rejected: number;
  duplicates: { exact: number; near: number };
  failedRequests: number;
  requests: number;
  usage: TokenUsage;
  /** USD spent so far (undefined when the model has no price). */
  cost: number | undefined;
  /** Projected USD for the whole run, from the observed cost per accepted record. */
  projectedCost: number | undefined;
  elapsedMs: number;
  /** Estimated time left, from the acceptance rate of this session. */
  etaMs: number | undefined;
}

/** What a run tells its caller as it goes. Libraries emit; apps render. */
export type SynthesisEvent =
  | {
      type: 'start';
      target: number;
      alreadyAccepted: number;
      model: string;
      provider: string;
      output: string;
      batchSize: number;
      estimatedCost: number | undefined;
    }
  | { type: 'progress'; progress: SynthesisProgress }
  | { type: 'warning'; message: string }
  | { type: 'finished'; result: SynthesisResult };

/** The outcome of a run. */
export interface SynthesisResult {
  /** Valid, unique records in the output (including those from before a resume). */
  generatedCount: number;
  targetCount: number;
  /** Records accepted in this session only. */
  newCount: number;
  rejectedCount: number;
  /** Rejected records by reason kind (`invalid`, `unparsed`, `refusal`, `surplus`, …). */
  rejectedByReason: Record<string, number>;
  duplicates: { exact: number; near: number };
  failedRequests: number;
  requests: number;
  usage: TokenUsage;
  /** USD actually spent in this session (undefined for unpriced models). */
  actualCost: number | undefined;
  /** USD estimated before the run for the records it set out to make. */
  estimatedCost: number | undefined;
  durationMs: number;
  outputPath: string;
  outputFormat: string;
  rejectsPath: string;
  journalPath: string;
  statePath: string;
  statsPath?: string;
  stoppedBecause: StopReason;
  /** A sentence on why the run stopped short (absent when done). */
  stopMessage?: string;
  warnings: string[];
  postHook?: { command: string; exitCode: number | null; ok: boolean; output: string };
  model: string;
  provider: string;
}
