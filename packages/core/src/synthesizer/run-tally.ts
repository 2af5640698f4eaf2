import { CostMeter, type PriceOverrides, type TokenUsage } from '@datasynth/cost';
import type { PacingLimits } from '../governor/rate-pacer.js';
import type { RunManifest } from '../provenance/run-manifest.js';
import type { DiversityTrailState } from '../steering/diversity-trail.js';
import type { RunJudgeGold } from './check-judge-gold.js';
import type { BatchProgress, StopReason, SynthesisProgress, SynthesisResult } from './events.js';
import { addUsage, emptyUsage, type ProviderBatchState, type RunState } from './run-state.js';
import { emptyFunnel, type YieldFunnel } from './yield-funnel.js';

/** Who the run is: fixed for its whole life, written into every state. */
export interface RunIdentity {
  schemaFingerprint: string;
  model: string;
  provider: string;
  targetCount: number;
  /** Hashes of what the run is made from (schema, seeds, guidelines, settings). */
  manifest?: RunManifest;
}

/** Where the request plan and the steering stand, for the state file. */
export interface PlanPosition {
  seedOffset: number;
  batchSize: number;
  topics?: readonly string[];
  topicOffset?: number;
  enumTargets?: Record<string, Record<string, number>>;
}

/** A decided stop: why, and a sentence for the user (absent when done). */
export interface RunStop {
  reason: StopReason;
  message?: string;
  /** A stop by the cap: the `maxCost` that can finish the run (the projected total), when known. */
  suggestedMaxCost?: number;
}

/** Everything of a result that is not a counter: where things went, how the run ended. */
export type ResultParts = Pick<
  SynthesisResult,
  | 'outputPath'
  | 'outputFormat'
  | 'rejectsPath'
  | 'journalPath'
  | 'statePath'
  | 'statsPath'
  | 'statsHtmlPath'
  | 'estimatedCost'
  | 'durationMs'
  | 'postHook'
> & { stop: RunStop; warnings: readonly string[] };

/**
 * The one record of a run: counters, funnel, usage and cost per model, judge scores and the
 * provider batches, over the whole run (sessions before a resume included, restored from the state)
 * and for this session. Every other shape of a run — the state file, progress events, the result —
 * is read from it.
 */
export class RunTally {
  readonly identity: RunIdentity;
  /** Calls, usage and cost of this session, per model. */
  readonly meter: CostMeter;
  readonly startedAt = Date.now();
  accepted = 0;
  /** Records already accepted when this session started. */
  acceptedAtStart = 0;
  rejected = 0;
  rejectedByReason: Record<string, number> = {};
  duplicates = { exact: 0, near: 0 };
  failedRequests = 0;
  /** Requests sent (each attempt of an online call, each provider batch request). */
  requests = 0;
  /** Attempts sent and not yet answered, right now (this session). */
  inFlight = 0;
  /** Attempts that were retries of a failed one (this session). */
  retries = 0;
  funnel: YieldFunnel = emptyFunnel();
  /** Judge scores given so far: count per score; kept in the state only when a judge runs. */
  judgeScores: Record<string, number> | undefined;
  /** The judge's agreement with `judgeGold` (kept in the state, so a resume shows and reuses it). */
  judgeGold: RunJudgeGold | undefined;
  /** The run's diversity over time (kept in the state; set by the run once its records are read). */
  diversityTrail: { toState(): DiversityTrailState } | undefined;
  /** Provider batches of a batch-API run (kept in the state). */
  batches: ProviderBatchState[] = [];
  /** The run's governor, whose pacing limits progress and the result report. */
  pacedBy: { readonly pacing: PacingLimits } | undefined;
  /** Calls and provider batch requests started in this session; numbers them in the rejects file. */
  callsStarted = 0;
  #priorUsage: TokenUsage = emptyUsage();
  #priorCost: number | undefined = 0;
  #priorCostByModel: NonNullable<RunState['costByModel']> = {};

  constructor(identity: RunIdentity, options: { prices?: PriceOverrides; judged?: boolean } = {}) {
    this.identity = identity;
    this.meter = new CostMeter({ ...(options.prices && { overrides: options.prices }) });
    if (options.judged) this.judgeScores = {};
  }

  /** Takes up where the state (when there is one) and the journal's `existing` records left off. */
  restore(state: RunState | undefined, existing: number): void {
    this.accepted = existing;
    this.acceptedAtStart = existing;
    if (state) {
      this.rejected = state.rejected;
      this.rejectedByReason = { ...state.rejectedByReason };
      this.duplicates = { ...state.duplicates };
      this.failedRequests = state.failedRequests;
      this.requests = state.requests;
      this.#priorUsage = state.usage;
      this.#priorCost = state.cost;
      this.batches = structuredClone(state.batches ?? []);
    }
    if (state?.funnel) this.funnel = { ...state.funnel };
    else {
      this.funnel = emptyFunnel();
      this.funnel.judged = this.funnel.unique = this.funnel.valid = this.funnel.parsed = existing;
    }
    if (this.judgeScores) this.judgeScores = { ...(state?.judgeScores ?? {}) };
    this.judgeGold = state?.judgeGold;
    this.#priorCostByModel = structuredClone(state?.costByModel ?? {});
  }

  /** USD spent by the sessions before this one (0 when unknown). */
  get spentBefore(): number {
    return this.#priorCost ?? 0;
  }

  /** Counts a rejected record or reply under its reason; duplicates are counted apart. */
  countReject(kind: string): void {
    if (kind.startsWith('duplicate')) return;
    this.rejected += 1;
    this.rejectedByReason[kind] = (this.rejectedByReason[kind] ?? 0) + 1;
  }

  countJudgeScore(score: number): void {
    if (!this.judgeScores) return;
    const key = String(score);
    this.judgeScores[key] = (this.judgeScores[key] ?? 0) + 1;
  }

  /** Starts a call or a provider batch request of `count` records; returns its number. */
  startCall(count: number): number {
    this.callsStarted += 1;
    this.funnel.requested += count;
    return this.callsStarted;
  }

  /** USD of this session, undefined while any model used has no price. */
  sessionCost(): number | undefined {
    return this.meter.unpricedModels.length > 0 ? undefined : this.meter.totalCost;
  }

  /** USD of the whole run, undefined when any part is unpriced. */
  totalCost(): number | undefined {
    const session = this.sessionCost();
    return this.#priorCost === undefined || session === undefined ? undefined : this.#priorCost + session;
  }

  totalUsage(): TokenUsage {
    return addUsage(this.#priorUsage, this.meter.usage);
  }

  toState(position: PlanPosition, stop: RunStop | undefined): RunState {
    const { identity } = this;
    return {
      version: 1,
      schemaFingerprint: identity.schemaFingerprint,
      model: identity.model,
      provider: identity.provider,
      targetCount: identity.targetCount,
      ...(identity.manifest && { manifest: identity.manifest }),
      accepted: this.accepted,
      rejected: this.rejected,
      rejectedByReason: this.rejectedByReason,
      duplicates: this.duplicates,
      failedRequests: this.failedRequests,
      requests: this.requests,
      usage: this.totalUsage(),
      cost: this.#priorCost === undefined ? undefined : this.#priorCost + this.meter.totalCost,
      seedOffset: position.seedOffset,
      ...(this.batches.length > 0 && { batches: this.batches }),
      batchSize: position.batchSize,
      updatedAt: new Date().toISOString(),
      ...(stop && { stoppedBecause: stop.reason }),
      funnel: { ...this.funnel },
      ...(position.topics &&
        position.topics.length > 0 && {
          topics: [...position.topics],
          topicOffset: position.topicOffset ?? 0,
        }),
      ...(position.enumTargets && { enumTargets: position.enumTargets }),
      costByModel: this.#costByModel(),
      ...(this.judgeScores && { judgeScores: { ...this.judgeScores } }),
      ...(this.judgeGold && { judgeGold: this.judgeGold }),
      ...(this.diversityTrail && { diversityTrail: this.diversityTrail.toState() }),
    };
  }

  toProgress(batch?: BatchProgress): SynthesisProgress {
    const target = this.identity.targetCount;
    const elapsedMs = Date.now() - this.startedAt;
    const newAccepted = this.accepted - this.acceptedAtStart;
    const left = Math.max(0, target - this.accepted);
    const cost = this.sessionCost();
    return {
      accepted: this.accepted,
      target,
      rejected: this.rejected,
      duplicates: { ...this.duplicates },
      failedRequests: this.failedRequests,
      requests: this.requests,
      inFlight: this.inFlight,
      retries: this.retries,
      usage: this.meter.usage,
      cost,
      projectedCost:
        newAccepted > 0 && cost !== undefined
          ? this.meter.projectTotal(newAccepted, target - this.acceptedAtStart)
          : undefined,
      elapsedMs,
      etaMs: newAccepted > 0 ? Math.round((elapsedMs / newAccepted) * left) : undefined,
      ...(batch && { batch }),
      ...this.#pacing(),
    };
  }

  /** `{ pacing }` when a limit is known, else nothing. */
  #pacing(): { pacing?: PacingLimits } {
    const pacing = this.pacedBy?.pacing;
    return pacing && Object.keys(pacing).length > 0 ? { pacing } : {};
  }

  toResult(parts: ResultParts): SynthesisResult {
    const cost = this.sessionCost();
    return {
      generatedCount: this.accepted,
      targetCount: this.identity.targetCount,
      newCount: this.accepted - this.acceptedAtStart,
      rejectedCount: this.rejected,
      rejectedByReason: { ...this.rejectedByReason },
      duplicates: { ...this.duplicates },
      failedRequests: this.failedRequests,
      requests: this.requests,
      usage: this.meter.usage,
      actualCost: cost === undefined ? undefined : roundUsd(cost),
      estimatedCost: parts.estimatedCost,
      durationMs: parts.durationMs,
      outputPath: parts.outputPath,
      outputFormat: parts.outputFormat,
      rejectsPath: parts.rejectsPath,
      journalPath: parts.journalPath,
      statePath: parts.statePath,
      ...(parts.statsPath !== undefined && { statsPath: parts.statsPath }),
      ...(parts.statsHtmlPath !== undefined && { statsHtmlPath: parts.statsHtmlPath }),
      funnel: { ...this.funnel },
      stoppedBecause: parts.stop.reason,
      ...this.#pacing(),
      ...(parts.stop.message !== undefined && { stopMessage: parts.stop.message }),
      ...(parts.stop.suggestedMaxCost !== undefined && { suggestedMaxCost: parts.stop.suggestedMaxCost }),
      thisRun: {
        records: this.accepted - this.acceptedAtStart,
        usage: this.meter.usage,
        cost: cost === undefined ? undefined : roundUsd(cost),
      },
      wholeOutput: {
        records: this.accepted,
        usage: this.totalUsage(),
        cost: roundedOrUndefined(this.totalCost()),
      },
      warnings: [...parts.warnings],
      ...(parts.postHook && { postHook: parts.postHook }),
      model: this.identity.model,
      provider: this.identity.provider,
      ...(this.judgeGold && { judgeGold: this.judgeGold }),
    };
  }

  /** Calls, usage and cost per model over the whole run (sessions before a resume included). */
  #costByModel(): NonNullable<RunState['costByModel']> {
    const totals = structuredClone(this.#priorCostByModel);
    for (const [model, session] of Object.entries(this.meter.byModel())) {
      const prior = totals[model];
      totals[model] = prior
        ? {
            calls: prior.calls + session.calls,
            usage: addUsage(prior.usage, session.usage),
            cost:
              prior.cost === undefined || session.cost === undefined ? undefined : prior.cost + session.cost,
          }
        : { calls: session.calls, usage: session.usage, cost: session.cost };
    }
    return totals;
  }
}

function roundedOrUndefined(value: number | undefined): number | undefined {
  return value === undefined ? undefined : roundUsd(value);
}

/** USD rounded to a millionth, as results and envelopes report it. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
