import { z } from 'zod';
import { SynthesisError } from '../errors/synthesis-error.js';
import { readSettingRecords } from '../inputs/read-setting-records.js';
import { cohensKappa, spearmanCorrelation } from './judge-agreement.js';
import type { RecordJudge } from './record-judge.js';

/** One record with a human judgement: a score on the rubric's scale, or a keep/reject label. */
export interface GoldItem {
  record: Record<string, unknown>;
  score?: number;
  label?: 'keep' | 'reject';
}

/** How far a judge agrees with human judgements of the same records. */
export interface JudgeGoldReport {
  /** The gold file as given. */
  file: string;
  judgeModel: string;
  /** The generating model's id, when known. */
  generatorModel?: string;
  /** True when the judge is the generator's own model: it tends to approve its own writing. */
  sameModelAsGenerator: boolean;
  threshold: number;
  items: number;
  /** Items the judge gave a usable score. */
  scored: number;
  /** Share of scored items where judge and human make the same keep/reject decision. */
  decisionAgreement?: number;
  /** Cohen's kappa of the keep/reject decisions (human labels, or human scores at the threshold). */
  kappa?: number;
  /** Spearman's rank correlation of judge and human scores (items with a human score). */
  spearman?: number;
}

const KEEP = new Set(['keep', 'pass', 'good', 'accept', 'accepted', 'yes', 'true', '1']);
const REJECT = new Set(['reject', 'fail', 'bad', 'rejected', 'no', 'false', '0']);
const judgementSchema = z.object({
  score: z.number().finite().optional(),
  human_score: z.number().finite().optional(),
  label: z.union([z.string(), z.boolean()]).optional(),
});

/**
 * Reads records with human judgements from any records file: each item carries a numeric `score`
 * (or `human_score`) on the rubric's scale, or a `label` (keep/pass/good/yes/true or
 * reject/fail/bad/no/false), beside the record's own fields, in an envelope sample beside `data`, or
 * with the record under `record`. Those keys are taken off before the judge sees the record.
 *
 * @throws SynthesisError `invalid_input` naming the file (and item) when it cannot be used.
 */
export async function readJudgeGold(file: string): Promise<GoldItem[]> {
  const entries = await readSettingRecords(file, {
    label: 'Gold file',
    fix: 'Fix it or change `judgeGold`.',
  });
  if (entries.length === 0) {
    throw new SynthesisError(
      'invalid_input',
      `Gold file ${file} has no records: add records with human scores.`,
      { path: file },
    );
  }
  return entries.map((entry, index) => {
    const { score, human_score, label, record, ...fields } = entry.data;
    const judgement = judgementSchema.safeParse({ score, human_score, label, ...pickJudgement(entry.extra) });
    const humanScore = judgement.success ? (judgement.data.score ?? judgement.data.human_score) : undefined;
    const humanLabel = judgement.success ? toLabel(judgement.data.label) : undefined;
    if (humanScore === undefined && humanLabel === undefined) {
      throw new SynthesisError(
        'invalid_input',
        `Gold item ${index + 1} in ${file} has neither a numeric score nor a keep/reject label: add one.`,
        { path: file },
      );
    }
    return {
      record: isPlainObject(record) ? record : fields,
      ...(humanScore !== undefined && { score: humanScore }),
      ...(humanLabel !== undefined && { label: humanLabel }),
    };
  });
}

// An envelope sample may carry the judgement beside `data`.
function pickJudgement(extra: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of ['score', 'human_score', 'label']) if (extra[key] !== undefined) picked[key] = extra[key];
  return picked;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs the judge on the gold records and measures its agreement with the humans: Cohen's kappa of
 * the keep/reject decisions and, where humans gave scores, Spearman's rank correlation of the scores.
 */
export async function measureJudgeAgreement(options: {
  judge: RecordJudge;
  gold: readonly GoldItem[];
  file: string;
  generatorModel?: string;
}): Promise<JudgeGoldReport> {
  const { judge, gold, file, generatorModel } = options;
  const outcomes = await judge.judge(gold.map((item) => item.record));
  const judgeDecisions: string[] = [];
  const humanDecisions: string[] = [];
  const judgeScores: number[] = [];
  const humanScores: number[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.kind !== 'scored') return;
    const item = gold[index]!;
    judgeDecisions.push(outcome.passed ? 'keep' : 'reject');
    humanDecisions.push(item.label ?? (item.score! >= judge.threshold ? 'keep' : 'reject'));
    if (item.score !== undefined) {
      judgeScores.push(outcome.verdict.score);
      humanScores.push(item.score);
    }
  });
  const agreed = judgeDecisions.filter((decision, index) => decision === humanDecisions[index]).length;
  const kappa = cohensKappa(judgeDecisions, humanDecisions);
  const spearman = spearmanCorrelation(judgeScores, humanScores);
  return {
    file,
    judgeModel: judge.modelId,
    ...(generatorModel !== undefined && { generatorModel }),
    sameModelAsGenerator: generatorModel === judge.modelId,
    threshold: judge.threshold,
    items: gold.length,
    scored: judgeDecisions.length,
    ...(judgeDecisions.length > 0 && { decisionAgreement: agreed / judgeDecisions.length }),
    ...(kappa !== undefined && { kappa }),
    ...(spearman !== undefined && { spearman }),
  };
}

/** One line per figure, for apps to print and for warnings. */
export function describeJudgeAgreement(report: JudgeGoldReport): string[] {
  const figure = (value: number | undefined): string => (value === undefined ? 'n/a' : value.toFixed(2));
  const lines = [
    `Judge ${report.judgeModel} on ${report.items} gold records (${report.scored} scored): Cohen's kappa ${figure(report.kappa)} on keep/reject at ${report.threshold}, Spearman ${figure(report.spearman)} on scores, same decision ${report.decisionAgreement === undefined ? 'n/a' : `${(report.decisionAgreement * 100).toFixed(0)}%`}.`,
  ];
  if (report.sameModelAsGenerator) {
    lines.push(
      `The judge is the generating model (${report.judgeModel}): models tend to rate their own writing higher. Set judge.model to a different model for an independent judge.`,
    );
  }
  return lines;
}

function toLabel(value: string | boolean | undefined): 'keep' | 'reject' | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  if (KEEP.has(text)) return 'keep';
  if (REJECT.has(text)) return 'reject';
  return undefined;
}
