import { type DatasetSchema, parseRecords } from '@datasynth/prompts';
import type { RejectEntry } from '../journal/index.js';

/** A reject before it is stamped with its batch and time. */
export type RejectDraft = Omit<RejectEntry, 'at' | 'batch'>;

/** What a model's reply holds: its records, what could not be read (as rejects), whether it was cut off. */
export interface ReadReply {
  records: Record<string, unknown>[];
  rejects: RejectDraft[];
  /** The reply was cut off at the token limit (the records before the cut are kept). */
  truncated: boolean;
  /** The model refused to answer. */
  refused: boolean;
}

/** The reason given when a reply held neither a record nor anything that looked like one. */
export const NO_RECORDS_REASON = 'the reply held no records';

/** Longest raw text kept with a reject. */
const RAW_LIMIT = 4000;

/**
 * Reads the records out of a reply — a structured-output object, or text with JSON in it — and
 * turns everything that is not a record into an `unparsed` (or `refusal`) reject with its reason.
 */
export function readReply(
  reply: { text: string; object?: unknown; finishReason?: string },
  schema: DatasetSchema,
): ReadReply {
  if (reply.finishReason === 'refusal') {
    return {
      records: [],
      rejects: [
        { kind: 'refusal', reasons: ['the model refused the request'], raw: reply.text.slice(0, RAW_LIMIT) },
      ],
      truncated: false,
      refused: true,
    };
  }
  const parsed = parseRecords(reply.object ?? reply.text, schema);
  const rejects: RejectDraft[] = parsed.dropped.map((dropped) => ({
    kind: 'unparsed',
    reasons: [dropped.reason],
    ...(dropped.snippet && { raw: dropped.snippet }),
  }));
  if (parsed.records.length === 0 && parsed.dropped.length === 0) {
    rejects.push({
      kind: 'unparsed',
      reasons: [NO_RECORDS_REASON],
      raw: reply.text.slice(0, RAW_LIMIT),
    });
  }
  return {
    records: parsed.records,
    rejects,
    truncated: parsed.truncated || reply.finishReason === 'length',
    refused: false,
  };
}
