import { countTokens } from '@datasynth/cost';
import {
  buildJudgePrompt,
  type DatasetSchema,
  type JudgeScale,
  judgeScale,
  judgeScoresSchema,
  type Language,
  parseJudgeScores,
  type RubricLevel,
} from '@datasynth/prompts';
import type { GenerateRequest, GenerateResult, LanguageModel } from '@datasynth/providers';

/** A judge's verdict on one record, kept beside it in the journal and the output (never in `data`). */
export interface JudgeVerdict {
  score: number;
  reason: string;
  model: string;
}

/** What the judge made of one record. */
export type JudgeOutcome =
  | { kind: 'scored'; verdict: JudgeVerdict; passed: boolean }
  | { kind: 'unscored'; reason: string; cause?: unknown };

/** Options of {@link RecordJudge}. */
export interface RecordJudgeOptions {
  model: LanguageModel;
  schema: DatasetSchema;
  language: Language;
  /** Free text or scored levels; the schema's `scoringRubric` when absent. */
  rubric?: string | readonly RubricLevel[];
  /** Records kept score at least this much (default: the middle of the scale). */
  threshold?: number;
  /** Records per judge call. */
  batchSize: number;
  /** Ask for structured output when the model supports it. */
  structuredOutput: boolean;
  /** Mark the judge's system prompt (the same for every call) for prompt caching. */
  caching: boolean;
  /** Sends one call: governed, metered and held to the budget by the run. Throws when the call fails. */
  send(request: GenerateRequest, inputTokens: number): Promise<GenerateResult>;
}

const OUTPUT_NAME = 'score_records';
const OUTPUT_TOKENS_PER_RECORD = 120;

/**
 * Scores records against the rubric with a judge model, `batchSize` records per call, the calls of
 * one `judge()` in parallel. A record the judge gave no usable score, or whose call failed, comes back
 * `unscored` (with the failure as `cause`): the caller decides what to do with it.
 */
export class RecordJudge {
  /** The rubric's score range. */
  readonly scale: JudgeScale;
  /** The lowest score a record may have and be kept. */
  readonly threshold: number;
  readonly #options: RecordJudgeOptions;

  constructor(options: RecordJudgeOptions) {
    this.#options = options;
    const rubric = options.rubric ?? options.schema.scoringRubric;
    this.scale = judgeScale(rubric);
    this.threshold = options.threshold ?? (this.scale.min + this.scale.max) / 2;
  }

  /** The judge model's id. */
  get modelId(): string {
    return this.#options.model.modelId;
  }

  /** One outcome per record, in order. */
  async judge(records: readonly Record<string, unknown>[]): Promise<JudgeOutcome[]> {
    const { batchSize } = this.#options;
    const chunks: Record<string, unknown>[][] = [];
    for (let start = 0; start < records.length; start += batchSize) {
      chunks.push(records.slice(start, start + batchSize));
    }
    const judged = await Promise.all(chunks.map((chunk) => this.#judgeChunk(chunk)));
    return judged.flat();
  }

  async #judgeChunk(records: Record<string, unknown>[]): Promise<JudgeOutcome[]> {
    const { model, schema, language, structuredOutput, caching } = this.#options;
    const prompt = buildJudgePrompt({
      schema,
      records,
      language,
      ...(this.#options.rubric !== undefined && { rubric: this.#options.rubric }),
    });
    const structured = structuredOutput && model.capabilities.structuredOutput !== 'none';
    const request: GenerateRequest = {
      system: [{ text: prompt.system, cache: caching }],
      messages: [{ role: 'user', content: prompt.user }],
      maxTokens: 200 + OUTPUT_TOKENS_PER_RECORD * records.length,
      temperature: 0,
      ...(structured && {
        output: {
          name: OUTPUT_NAME,
          description: 'Score every record.',
          schema: judgeScoresSchema(prompt.scale, records.length),
        },
      }),
    };
    const inputTokens = countTokens(`${prompt.system}\n${prompt.user}`, { model: model.modelId });
    let result: GenerateResult;
    try {
      result = await this.#options.send(request, inputTokens);
    } catch (cause) {
      return records.map(() => ({ kind: 'unscored', reason: 'the judge call failed', cause }));
    }
    const { scores } = parseJudgeScores(result.object ?? result.text, records.length, this.scale);
    return scores.map((score): JudgeOutcome => {
      if (!score) return { kind: 'unscored', reason: 'the judge gave this record no usable score' };
      return {
        kind: 'scored',
        verdict: { score: score.score, reason: score.reason, model: model.modelId },
        passed: score.score >= this.threshold,
      };
    });
  }
}
