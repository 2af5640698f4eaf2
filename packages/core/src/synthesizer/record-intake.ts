import { createValidator, type DatasetSchema, type RecordValidator } from '@datasynth/prompts';
import type { GenerateResult } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { ContaminationGuard, type GuardVerdict } from '../contamination/contamination-guard.js';
import { DedupIndex, type DedupVerdict } from '../dedup/index.js';
import type { RejectEntry } from '../journal/index.js';
import type { JudgeVerdict, RecordJudge } from '../judge/record-judge.js';
import { nextRecordId } from '../records/next-record-id.js';
import type { RecordEntry } from '../records/record-entry.js';
import type { SecretScanner } from '../secrets/secret-scanner.js';
import { type RejectDraft, readReply } from './read-reply.js';
import type { RunTally } from './run-tally.js';

/** What the intake tells the steering about the records it sees. */
export interface IntakeListener {
  accept(record: Record<string, unknown>): void;
  noteDuplicate(record: Record<string, unknown>): void;
}

export interface RecordIntakeOptions {
  schema: DatasetSchema;
  /** Check records against the schema (`validate`); when false every parsed record is taken as valid. */
  validate: boolean;
  dedup: ResolvedSynthesisConfig['dedup'];
  /** Indexed first: a record like a seed is a duplicate of `seed #n`. */
  seeds: readonly Record<string, unknown>[];
  /** Records the output already holds (indexed under their ids). */
  existing: readonly RecordEntry[];
  /** Counters and funnel to update; `tally.accepted` numbers new records, `identity.targetCount` caps them. */
  tally: RunTally;
  /** Optional judge stage after dedup: records below its threshold are rejected. */
  judge?: RecordJudge;
  steering?: IntakeListener;
  /**
   * The run's own keys: a record holding one is rejected as `secret` (written redacted), before any
   * other check, and raw reply text kept with a reject is redacted.
   */
  secrets?: SecretScanner;
  /** A failed judge call (its records are rejected as `unjudged`). */
  onJudgeFailure?: (cause: unknown) => void;
  /** A refused or cut-off reply (see {@link RecordIntake.admitReply}). */
  onRefusal?: () => void;
  onTruncated?: () => void;
  /** Held-out sets (`holdout`): a record overlapping one of their items is rejected as `contamination`. */
  holdout?: ContaminationGuard;
  /** Reject a record sharing a long run with a seed as `seed-copy` (`rejectSeedCopies`, default true). */
  rejectSeedCopies?: boolean;
}

/** A rejected record and where it stood among the records given. */
export interface IntakeReject {
  /** 0-based position in the records passed to `admit`. */
  index: number;
  reject: RejectDraft;
}

/** What `admit` decided. */
export interface Admission {
  /** Accepted records with their new ids (and the judge's verdict, when a judge runs), in order. */
  accepted: RecordEntry[];
  rejects: IntakeReject[];
}

/**
 * The one place that decides whether a record is accepted: schema check, duplicate check (against
 * the seeds, the records already in the output and everything accepted so far, within a batch too),
 * the target rule (records past `targetCount` are `surplus`), and, when set, the judge. Every
 * decision is counted in the tally (rejects by reason, duplicates by kind, the funnel). Online
 * calls, provider batches and the interactive mode's `ingestReply` all go through it.
 */
export class RecordIntake {
  readonly #options: RecordIntakeOptions;
  readonly #validator: RecordValidator;
  readonly #dedup: DedupIndex;
  readonly #seedGuard: ContaminationGuard;

  constructor(options: RecordIntakeOptions) {
    this.#options = options;
    this.#validator = createValidator(options.schema);
    this.#dedup = new DedupIndex(options.dedup);
    this.#seedGuard = new ContaminationGuard({ threshold: options.dedup.threshold, ngramsOnly: true });
    this.#seedGuard.addFile('seeds', options.seeds);
    options.seeds.forEach((seed, index) => {
      this.#dedup.add(seed, `seed #${index + 1}`, 'seed');
    });
    for (const entry of options.existing) this.#dedup.add(entry.data, entry.id, 'accepted');
  }

  /** Admits the records of one model reply; returns what to journal, stamped with `batch` and the time. */
  async admitReply(
    result: Pick<GenerateResult, 'text' | 'object' | 'finishReason'>,
    call: { requested: number; batch: number },
  ): Promise<{ accepted: RecordEntry[]; rejects: RejectEntry[] }> {
    const { tally } = this.#options;
    const at = new Date().toISOString();
    const reply = readReply(result, this.#options.schema);
    if (reply.refused) this.#options.onRefusal?.();
    if (reply.truncated) this.#options.onTruncated?.();
    for (const reject of reply.rejects) tally.countReject(reject.kind);
    tally.funnel.parsed += reply.records.length;
    const admission = await this.admit(reply.records);
    const rejects = [...reply.rejects, ...admission.rejects.map((entry) => entry.reject)];
    // A reply that yielded nothing at all (no record, no reject) is a failed request.
    if (call.requested > 0 && admission.accepted.length === 0 && rejects.length === 0) {
      tally.failedRequests += 1;
    }
    const secrets = this.#options.secrets;
    return {
      accepted: admission.accepted,
      rejects: rejects.map((reject) => ({
        ...(secrets ? secrets.redact(reject) : reject),
        batch: call.batch,
        at,
      })),
    };
  }

  /** Decides on each record: accepted (with a new id) or rejected with its reasons. */
  async admit(records: readonly Record<string, unknown>[]): Promise<Admission> {
    const { judge } = this.#options;
    const admission: Admission = { accepted: [], rejects: [] };
    const candidates: { index: number; record: Record<string, unknown> }[] = [];
    for (const [index, record] of records.entries()) {
      const decision = this.#decide(record, judge !== undefined);
      if (decision.kind === 'reject') this.#reject(admission, index, decision.reject);
      else if (decision.kind === 'candidate') candidates.push({ index, record });
      else this.#accept(admission, { id: decision.id, data: record });
    }
    if (judge && candidates.length > 0) await this.#judge(judge, candidates, admission);
    return admission;
  }

  /**
   * Scores the valid, unique records; those at or above the threshold are checked for duplicates
   * once more (another batch may have accepted a near-copy meanwhile), indexed and accepted with the
   * verdict beside `data`; the rest are rejected with the judge's reason.
   */
  async #judge(
    judge: RecordJudge,
    candidates: { index: number; record: Record<string, unknown> }[],
    admission: Admission,
  ): Promise<void> {
    const { tally } = this.#options;
    const outcomes = await judge.judge(candidates.map((candidate) => candidate.record));
    let failure: unknown;
    for (const [position, outcome] of outcomes.entries()) {
      const { index, record } = candidates[position]!;
      if (outcome.kind === 'unscored') {
        if (outcome.cause !== undefined) failure ??= outcome.cause;
        const why = outcome.cause === undefined ? '' : `: ${messageOf(outcome.cause)}`;
        this.#reject(admission, index, {
          kind: 'unjudged',
          reasons: [`${outcome.reason}${why}`],
          data: record,
        });
        continue;
      }
      const { verdict } = outcome;
      tally.countJudgeScore(verdict.score);
      const decision = this.#afterJudge(record, verdict, outcome.passed, judge.threshold);
      if (decision.kind === 'reject') this.#reject(admission, index, decision.reject);
      else this.#accept(admission, { id: decision.id, data: record, judge: verdict });
    }
    if (failure !== undefined) this.#options.onJudgeFailure?.(failure);
  }

  /** Schema, target and duplicate checks of one record (a judge, when set, decides later). */
  #decide(
    record: Record<string, unknown>,
    judged: boolean,
  ): { kind: 'reject'; reject: RejectDraft } | { kind: 'candidate' } | { kind: 'accept'; id: string } {
    const { tally, secrets } = this.#options;
    if (secrets?.contains(record)) {
      return {
        kind: 'reject',
        reject: {
          kind: 'secret',
          reasons: ["the record holds one of the run's API keys"],
          data: secrets.redact(record),
        },
      };
    }
    if (this.#options.validate) {
      const check = this.#validator.validate(record);
      if (!check.ok)
        return { kind: 'reject', reject: { kind: 'invalid', reasons: check.issues, data: record } };
    }
    tally.funnel.valid += 1;
    const contamination = this.#contamination(record);
    if (contamination) return { kind: 'reject', reject: contamination };
    if (this.#targetReached()) return { kind: 'reject', reject: surplus(record) };
    const id = nextRecordId(tally.accepted);
    // With a judge, a record enters the index only once it passed (see #afterJudge). A seed copy
    // that is not a duplicate (exact and near copies of seeds are) stays out of the index too.
    let seedCopy: RejectDraft | undefined;
    const admit = (): boolean => {
      seedCopy = this.#seedCopy(record);
      return seedCopy === undefined;
    };
    const verdict = judged
      ? this.#dedup.check(record)
      : this.#dedup.checkAndAdd(record, id, 'accepted', admit);
    if (verdict.duplicate) return { kind: 'reject', reject: this.#duplicate(record, verdict) };
    if (judged) admit();
    if (seedCopy) return { kind: 'reject', reject: seedCopy };
    tally.funnel.unique += 1;
    return judged ? { kind: 'candidate' } : { kind: 'accept', id };
  }

  /**
   * A scored record: kept at or above the threshold, unless the target was reached or another batch
   * accepted a near-copy meanwhile (checked once more, then indexed).
   */
  #afterJudge(
    record: Record<string, unknown>,
    verdict: JudgeVerdict,
    passed: boolean,
    threshold: number,
  ): { kind: 'reject'; reject: RejectDraft } | { kind: 'accept'; id: string } {
    const { tally } = this.#options;
    if (!passed) {
      const why = verdict.reason ? `: ${verdict.reason}` : '';
      return {
        kind: 'reject',
        reject: {
          kind: 'judged-below-threshold',
          reasons: [`score ${verdict.score} < threshold ${threshold}${why}`],
          data: record,
          judge: verdict,
        },
      };
    }
    if (this.#targetReached()) return { kind: 'reject', reject: { ...surplus(record), judge: verdict } };
    const id = nextRecordId(tally.accepted);
    const duplicate = this.#dedup.checkAndAdd(record, id, 'accepted');
    if (duplicate.duplicate) {
      tally.funnel.unique -= 1;
      return { kind: 'reject', reject: this.#duplicate(record, duplicate) };
    }
    return { kind: 'accept', id };
  }

  /**
   * A record that overlaps a held-out item: exactly, as a near-duplicate, or by a shared run of 13
   * words / 20 CJK characters. Checked before the target rule, so every overlap is reported as one.
   */
  #contamination(record: Record<string, unknown>): RejectDraft | undefined {
    const hit = this.#options.holdout?.check(record);
    if (!hit?.hit) return undefined;
    const item = `item ${hit.item}${hit.id === undefined ? '' : ` (${hit.id})`} of held-out ${hit.file}`;
    return overlapReject('contamination', `${hit.kind} overlap with ${item}`, record, hit);
  }

  /** A record sharing a run of 13 words / 20 CJK characters with a seed (its exact and near copies are duplicates). */
  #seedCopy(record: Record<string, unknown>): RejectDraft | undefined {
    if (this.#options.rejectSeedCopies === false) return undefined;
    const hit = this.#seedGuard.check(record);
    if (!hit.hit) return undefined;
    return overlapReject(
      'seed-copy',
      `shares a run of 13 words (20 CJK characters) with seed #${hit.item}`,
      record,
      hit,
    );
  }

  #targetReached(): boolean {
    return this.#options.tally.accepted >= this.#options.tally.identity.targetCount;
  }

  #duplicate(
    record: Record<string, unknown>,
    verdict: Extract<DedupVerdict, { duplicate: true }>,
  ): RejectDraft {
    this.#options.steering?.noteDuplicate(record);
    this.#options.tally.duplicates[verdict.kind] += 1;
    const matched = `${verdict.matchedSource === 'seed' ? '' : 'record '}${verdict.matchedId}`;
    return {
      kind: `duplicate-${verdict.kind}`,
      reasons: [`${verdict.kind} duplicate of ${matched} (similarity ${verdict.similarity.toFixed(2)})`],
      data: record,
      matched: { id: verdict.matchedId, similarity: verdict.similarity },
    };
  }

  #accept(admission: Admission, entry: RecordEntry): void {
    const { tally } = this.#options;
    tally.funnel.judged += 1;
    this.#options.steering?.accept(entry.data);
    tally.accepted += 1;
    admission.accepted.push(entry);
  }

  #reject(admission: Admission, index: number, reject: RejectDraft): void {
    this.#options.tally.countReject(reject.kind);
    admission.rejects.push({ index, reject });
  }
}

function overlapReject(
  kind: 'contamination' | 'seed-copy',
  reason: string,
  record: Record<string, unknown>,
  hit: Extract<GuardVerdict, { hit: true }>,
): RejectDraft {
  const { file, item, id, similarity } = hit;
  return {
    kind,
    reasons: [reason],
    data: record,
    overlap: { file, item, ...(id !== undefined && { id }), kind: hit.kind, similarity },
  };
}

function surplus(record: Record<string, unknown>): RejectDraft {
  return { kind: 'surplus', reasons: ['the target was already reached'], data: record };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
