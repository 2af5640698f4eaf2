import type { TokenUsage } from '@datasynth/cost';
import type { PacingLimits } from '../governor/rate-pacer.js';
import type { RunJudgeGold } from './check-judge-gold.js';
import type { YieldFunnel } from './yield-funnel.js';

/** Why a run ended. */
/**
 * How a run ended. `unreachable`: the model server could not be reached (connection refused or
 * reset, DNS or TLS failure) or stopped answering (calls timed out in a row) — not a reject.
 */
export type StopReason = 'done' | 'budget' | 'cancelled' | 'quota' | 'error' | 'max-attempts' | 'unreachable';

/** Counters of a run so far (including what a resumed run found on disk). */
export interface SynthesisProgress {
  accepted: number;
  target: number;
  rejected: number;
  duplicates: { exact: number; near: number };
  failedRequests: number;
  requests: number;
  /** Calls sent and waiting for their answer right now. */
  inFlight: number;
  /** Retries of failed calls so far in this session (timeouts, 429s, 5xx, network errors). */
  retries: number;
  usage: TokenUsage;
  /** USD spent so far (undefined when the model has no price). */
  cost: number | undefined;
  /** Projected USD for the whole run, from the observed cost per accepted record. */
  projectedCost: number | undefined;
  elapsedMs: number;
  /** Estimated time left, from the acceptance rate of this session. */
  etaMs: number | undefined;
  /** Provider batches being waited on (batch-API runs only). */
  batch?: BatchProgress;
  /**
   * The limits calls are paced at and where each came from (the `rpm` / `tpm` settings or the
   * server's rate-limit headers); absent while none is known.
   */
  pacing?: PacingLimits;
}

/** Where the provider batches of the current round are (batch-API runs). */
export interface BatchProgress {
  /** Round of batches: 1 is the plan, later rounds top up a shortfall. */
  round: number;
  /** Provider batches in this round. */
  batches: number;
  /** Requests in them, and how many of those are where (the providers' own counts). */
  requests: number;
  processing: number;
  succeeded: number;
  errored: number;
  expired: number;
  canceled: number;
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
  | {
      /** A provider batch was submitted, re-attached to after a restart, or has ended. */
      type: 'batch';
      action: 'submitted' | 'attached' | 'ended';
      batchId: string;
      requests: number;
      round: number;
    }
  /** The judge's agreement with the gold file's human judgements (`judgeGold`), measured or kept from before a resume. */
  | { type: 'judge-gold'; report: RunJudgeGold }
  | { type: 'finished'; result: SynthesisResult };

/** Records, tokens and USD of a part of a run. */
export interface RunTotals {
  /** Records accepted. */
  records: number;
  usage: TokenUsage;
  /** USD spent (undefined while any model used has no price). */
  cost: number | undefined;
}

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
  /** Tokens of this session (see `wholeOutput.usage` for the whole run). */
  usage: TokenUsage;
  /** USD actually spent in this session (undefined for unpriced models; see `wholeOutput.cost`). */
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
  /** The HTML report beside the stats (with `statsHtml`). */
  statsHtmlPath?: string;
  /** `<output>.provenance.jsonl`, one line per record (with `provenance`, the default). */
  provenancePath?: string;
  /** Records per pipeline stage, over the whole run: requested → parsed → valid → unique → judged. */
  funnel: YieldFunnel;
  stoppedBecause: StopReason;
  /** The limits calls were paced at when the run ended (as {@link SynthesisProgress.pacing}); absent when none was known. */
  pacing?: PacingLimits;
  /** A sentence on why the run stopped short (absent when done). */
  stopMessage?: string;
  /** Stopped by the cap: the `maxCost` that can finish the run (it counts the whole run), when known. */
  suggestedMaxCost?: number;
  /** This session alone (`newCount`, `usage` and `actualCost` are its figures too). */
  thisRun: RunTotals;
  /** The whole output so far: every session of the run, those before a resume included. */
  wholeOutput: RunTotals;
  warnings: string[];
  postHook?: { command: string; exitCode: number | null; ok: boolean; output: string };
  model: string;
  provider: string;
  /** The judge's agreement with the gold file's human judgements, when `judgeGold` is set. */
  judgeGold?: RunJudgeGold;
}
