import { z } from 'zod';
import type { JsonSchema } from './dataset-schema.js';
import type { JudgeScale } from './judge-prompt.js';
import { parseRecords } from './parse-records.js';

/** One record's verdict from a judge. */
export interface JudgeScore {
  /** The record's 0-based position in the judge call. */
  index: number;
  score: number;
  reason: string;
}

/** What {@link parseJudgeScores} found. */
export interface JudgeScoresResult {
  /** Entry `i` is record `i`'s score, or undefined when the judge gave none that could be used. */
  scores: (JudgeScore | undefined)[];
  /** What was ignored and why (out-of-range scores, unknown or repeated indices, unreadable entries). */
  issues: string[];
}

/**
 * The structured output a judge call asks for: `{ scores: [{ index, score, reason }] }`, with `index`
 * in `0..count-1` and `score` within the scale.
 */
export function judgeScoresSchema(scale: JudgeScale, count: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      scores: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            index: { type: 'integer', minimum: 0, maximum: Math.max(0, count - 1) },
            score: { type: 'number', minimum: scale.min, maximum: scale.max },
            reason: { type: 'string', maxLength: 300 },
          },
          required: ['index', 'score', 'reason'],
          additionalProperties: false,
        },
      },
    },
    required: ['scores'],
    additionalProperties: false,
  };
}

const entrySchema = z.object({
  index: z.coerce.number().int(),
  score: z.coerce.number().finite(),
  reason: z.string().optional(),
});

/**
 * Reads a judge's reply (structured output or text with JSON in it) into one score per record. The
 * first usable entry for an index wins; entries with an index outside `0..count-1`, a score outside
 * the scale, or no number are ignored with an issue.
 */
export function parseJudgeScores(input: unknown, count: number, scale: JudgeScale): JudgeScoresResult {
  const scores: (JudgeScore | undefined)[] = Array.from({ length: count }, () => undefined);
  const issues: string[] = [];
  const parsed = parseRecords(input);
  for (const dropped of parsed.dropped) issues.push(dropped.reason);
  // `{scores: [...]}` comes back as one object: its entries are the scores.
  const entries = parsed.records.flatMap((record): unknown[] =>
    Array.isArray(record.scores) ? record.scores : [record],
  );
  for (const record of entries) {
    const entry = entrySchema.safeParse(record);
    if (!entry.success) {
      issues.push(`unreadable score entry ${JSON.stringify(record).slice(0, 120)}`);
      continue;
    }
    const { index, score } = entry.data;
    if (index < 0 || index >= count) {
      issues.push(`score for unknown record ${index}`);
      continue;
    }
    if (score < scale.min || score > scale.max) {
      issues.push(`score ${score} for record ${index} is outside ${scale.min}–${scale.max}`);
      continue;
    }
    if (scores[index] !== undefined) {
      issues.push(`record ${index} was scored twice; the first score is kept`);
      continue;
    }
    scores[index] = { index, score, reason: (entry.data.reason ?? '').trim() };
  }
  return { scores, issues };
}
