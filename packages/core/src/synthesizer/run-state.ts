import type { TokenUsage } from '@datasynth/cost';
import type { RunManifest } from '../provenance/run-manifest.js';
import type { DiversityTrailState } from '../steering/diversity-trail.js';
import type { RunJudgeGold } from './check-judge-gold.js';
import type { SynthesisProgress } from './events.js';
import type { YieldFunnel } from './yield-funnel.js';

/** What `<output>.state.json` holds: enough to resume a run exactly and to refuse a mismatched one. */
export interface RunState
  extends Pick<
    SynthesisProgress,
    'accepted' | 'rejected' | 'duplicates' | 'failedRequests' | 'requests' | 'usage' | 'cost'
  > {
  version: 1;
  /** Hash of the schema's fields; a resume under another schema is refused. */
  schemaFingerprint: string;
  model: string;
  provider: string;
  targetCount: number;
  /** SHA-256 of the schema, seeds, guidelines and settings of the session that wrote this state. */
  manifest?: RunManifest;
  rejectedByReason: Record<string, number>;
  seedOffset: number;
  batchSize: number;
  updatedAt: string;
  stoppedBecause?: string;
  /** Provider batches of a batch-API run, each written before it is submitted and waited on. */
  batches?: ProviderBatchState[];
  /** Records per pipeline stage (absent in states written before it was kept). */
  funnel?: YieldFunnel;
  /** Steering topics (generated ones are kept so a resume reuses them) and the next one's position. */
  topics?: string[];
  topicOffset?: number;
  /** Enum target shares per field and value, when steering balanced enums. */
  enumTargets?: Record<string, Record<string, number>>;
  /** Calls, usage and USD per model id (generation, judge and topic calls). */
  costByModel?: Record<string, { calls: number; usage: TokenUsage; cost: number | undefined }>;
  /** Judge scores given so far: count per score. */
  judgeScores?: Record<string, number>;
  /** The judge's agreement with the human judgements of `judgeGold`, measured before the first record. */
  judgeGold?: RunJudgeGold;
  /** Distinct-2 and near-duplicate share per chunk of accepted records, for the report. */
  diversityTrail?: DiversityTrailState;
}

/** One provider batch of a batch-API run, as kept in the run state. */
export interface ProviderBatchState {
  /** Round of batches: 1 is the plan, later rounds top up a shortfall. */
  round: number;
  /** The provider's batch id, once the provider has accepted the batch. */
  id?: string;
  /**
   * Custom id → [records asked for, batch number in the rejects file (0 until the provider accepted
   * the batch)]; each id leaves once its result is handled, so a resume reads only the rest.
   */
  requests: Record<string, [count: number, batch: number]>;
  /** Requests in the batch. */
  requestCount: number;
  /**
   * What each request showed the model (kept with `provenance`), so that its records' provenance is
   * exact even when another session collects the batch: the stable prefix's hash once, and per
   * custom id `[varying part's hash, seed positions shown, max tokens]` (compact: the state is
   * rewritten after every result line). Each request's entry leaves with it.
   */
  prompts?: { stablePromptHash: string; requests: Record<string, PackedPrompt> };
  /** planned: written, not yet accepted by the provider; submitted: waiting; collected: results processed. */
  status: 'planned' | 'submitted' | 'collected';
  submittedAt?: string;
}

/** A batch request's prompt provenance as kept in the state: `[varyingPromptHash, seed positions, maxTokens]`. */
export type PackedPrompt = [varyingPromptHash: string, seeds: number[], maxTokens: number];

/** Reads a state object from disk defensively: anything unexpected is treated as absent. */
export function readRunState(value: unknown): RunState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<RunState>;
  if (state.version !== 1 || typeof state.schemaFingerprint !== 'string') return undefined;
  return state as RunState;
}

export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

export function addUsage(total: TokenUsage, usage: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cacheReadTokens: total.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + usage.cacheWriteTokens,
  };
}
