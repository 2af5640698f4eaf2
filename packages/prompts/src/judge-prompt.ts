import type { DatasetSchema, RubricLevel } from './dataset-schema.js';
import { describeFields, describeRubric } from './describe-schema.js';
import type { Language } from './detect-language.js';

/** The score range a judge answers in. */
export interface JudgeScale {
  /** The worst score. */
  min: number;
  /** The best score. */
  max: number;
}

/** The scale used when the rubric gives no scored levels: 1 (worst) to 5 (best). */
export const DEFAULT_JUDGE_SCALE: JudgeScale = Object.freeze({ min: 1, max: 5 });

/** Options of {@link buildJudgePrompt}. */
export interface JudgePromptOptions {
  schema: DatasetSchema;
  /** The records to score, in order; the judge refers to them by their 0-based position. */
  records: readonly Record<string, unknown>[];
  language: Language;
  /**
   * The rubric: scored levels, or free text. Defaults to the schema's `scoringRubric` (DataRecipe
   * `scoring_rubric`); without either, the judge scores general quality on {@link DEFAULT_JUDGE_SCALE}.
   */
  rubric?: string | readonly RubricLevel[];
  /** Annotation guidelines, shown to the judge as they were to the writer (kept short by the caller). */
  guidelines?: string;
}

/** A judge prompt: a stable system part (cacheable across calls of a run) and the per-call records. */
export interface JudgePrompt {
  /** Role, rubric, scale, schema and reply format: the same for every call with the same options. */
  system: string;
  /** The count (as "N records" / "N 条记录") and the numbered records. */
  user: string;
  scale: JudgeScale;
}

const TEXT = {
  en: {
    role: 'You are a strict reviewer of training data for language models. You score records one by one against a rubric; you never rewrite them.',
    dataset: (name: string | undefined) => (name ? `The dataset: "${name}".` : ''),
    rubricHeading: '## Rubric',
    generalRubric:
      'Score overall quality: correct and complete content, following the schema and the instruction, natural fluent language, and usefulness as a training example.',
    scale: (scale: JudgeScale) =>
      `Scores go from ${scale.min} (worst) to ${scale.max} (best); any number in between is allowed.`,
    schemaHeading: '## Schema',
    guidelinesHeading: '## Guidelines',
    replyHeading: '## Reply format',
    reply:
      'Reply with a JSON object {"scores": [...]} holding exactly one entry per record: {"index": <the record\'s number as given>, "score": <number>, "reason": <one short sentence on why>}. Judge each record on its own merits; do not compare records with each other.',
    user: (count: number) =>
      `Score each of the ${count} records below. Each line starts with the record's number.`,
  },
  zh: {
    role: '你是一名严格的大模型训练数据评审员。你按评分标准逐条给记录打分，不改写记录。',
    dataset: (name: string | undefined) => (name ? `数据集：「${name}」。` : ''),
    rubricHeading: '## 评分标准',
    generalRubric: '评估整体质量：内容正确完整，符合字段定义和指令要求，语言自然流畅，适合作为训练样本。',
    scale: (scale: JudgeScale) =>
      `分数范围为 ${scale.min}（最差）到 ${scale.max}（最好），可以给出其间的任意数值。`,
    schemaHeading: '## 字段定义',
    guidelinesHeading: '## 标注规范',
    replyHeading: '## 回复格式',
    reply:
      '回复一个 JSON 对象 {"scores": [...]}，每条记录恰好对应一项：{"index": <记录给出的编号>, "score": <分数>, "reason": <一句简短的理由>}。每条记录单独评判，不要相互比较。',
    user: (count: number) => `请为下面 ${count} 条记录逐条打分。每行开头是记录的编号。`,
  },
} as const;

/**
 * The score range of a rubric: from its lowest to its highest scored level; {@link DEFAULT_JUDGE_SCALE}
 * for free-text rubrics and rubrics with fewer than two distinct scores.
 */
export function judgeScale(rubric: string | readonly RubricLevel[] | undefined): JudgeScale {
  if (rubric === undefined || typeof rubric === 'string' || rubric.length === 0) return DEFAULT_JUDGE_SCALE;
  const scores = rubric.map((level) => level.score).filter(Number.isFinite);
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  return scores.length > 0 && max > min ? { min, max } : DEFAULT_JUDGE_SCALE;
}

/**
 * Builds the prompt of one judge call: the system part holds the role, the rubric (the schema's
 * `scoringRubric` unless another is given) with its scale, the schema and the reply format; the user
 * part opens with the count and lists the records, one per line as `[i] {json}`.
 */
export function buildJudgePrompt(options: JudgePromptOptions): JudgePrompt {
  const { schema, records, language } = options;
  if (records.length === 0) throw new RangeError('buildJudgePrompt needs at least one record');
  const text = TEXT[language];
  const rubric = options.rubric ?? schema.scoringRubric;
  const scale = judgeScale(rubric);
  let rubricText: string;
  if (typeof rubric === 'string' && rubric.trim() !== '') rubricText = rubric.trim();
  else if (Array.isArray(rubric) && rubric.length > 0)
    rubricText = describeRubric({ ...schema, scoringRubric: [...rubric] }, language);
  else rubricText = text.generalRubric;

  const sections = [
    [text.role, text.dataset(schema.name)].filter((line) => line !== '').join(' '),
    `${text.rubricHeading}\n\n${rubricText}\n\n${text.scale(scale)}`,
    `${text.schemaHeading}\n\n${describeFields(schema, language)}`,
  ];
  const guidelines = options.guidelines?.trim();
  if (guidelines) sections.push(`${text.guidelinesHeading}\n\n${guidelines}`);
  sections.push(`${text.replyHeading}\n\n${text.reply}`);

  const lines = records.map((record, index) => `[${index}] ${JSON.stringify(record)}`);
  return {
    system: sections.join('\n\n'),
    user: `${text.user(records.length)}\n\n${lines.join('\n')}`,
    scale,
  };
}
