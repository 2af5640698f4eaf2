import type { ProvenanceGroupRow } from '../provenance/group-provenance.js';
import type { RunManifest } from '../provenance/run-manifest.js';
import type { RunState } from '../synthesizer/run-state.js';

/** One group of rejected duplicates of the same record, from the rejects file. */
export interface RejectedDuplicateCluster {
  /** The kept record (`SYNTH_0012`) or seed (`seed #3`) they duplicate. */
  matchedId: string;
  /** The rejected copies (at most 5 kept), with their text cut to 160 characters. */
  duplicates: { kind: 'exact' | 'near'; similarity: number; text: string }[];
  /** How many copies were rejected in all. */
  total: number;
}

/** Held-out (or seed) items generated records overlapped, from the rejects file. */
export interface ContaminationSummary {
  /** Records rejected as `contamination` or `seed-copy`. */
  total: number;
  /** The items hit, most often first (at most 20). */
  items: { reason: string; file: string; item: number; id?: string; kinds: string[]; count: number }[];
}

/** What a run adds to a report beyond the records' own statistics (read from its state and rejects). */
/** The provenance part of a report: the run manifest and the records per reported model. */
export interface ProvenanceReport {
  manifest?: RunManifest;
  /** Records with provenance, and the distinct calls (or batch requests) they came from. */
  records: number;
  calls: number;
  byModel: ProvenanceGroupRow[];
}

export interface RunReport
  extends Pick<
    RunState,
    | 'model'
    | 'provider'
    | 'targetCount'
    | 'accepted'
    | 'rejected'
    | 'rejectedByReason'
    | 'duplicates'
    | 'requests'
    | 'failedRequests'
    | 'usage'
    | 'funnel'
    | 'enumTargets'
    | 'judgeScores'
    | 'judgeGold'
    | 'diversityTrail'
    | 'costByModel'
    | 'stoppedBecause'
  > {
  /** USD over the whole run (undefined when a model has no price). */
  cost: number | undefined;
  duplicateClusters: RejectedDuplicateCluster[];
  /** Present when records were rejected as `contamination` or `seed-copy`. */
  contamination?: ContaminationSummary;
  /** Present when the run kept a manifest or per-record provenance. */
  provenance?: ProvenanceReport;
}
