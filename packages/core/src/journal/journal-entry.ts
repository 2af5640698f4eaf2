import { z } from 'zod';
import type { RecordEntry } from '../records/record-entry.js';

/** One accepted record as the journal stores it (see `RecordEntry`). */
export type JournalEntry = RecordEntry;

/** One rejected item as the rejects file stores it. */
export interface RejectEntry {
  /** Why it was rejected, e.g. `invalid`, `duplicate`, `unparsed`. */
  kind: string;
  /** Human-readable reasons, one per problem found. */
  reasons: string[];
  /** The parsed item, when there was one. */
  data?: unknown;
  /** The raw text, when nothing could be parsed. */
  raw?: string;
  /** The batch it came from. */
  batch?: number;
  /** When it was rejected (ISO 8601); filled in on append when missing. */
  at?: string;
  /** Duplicates: the indexed record it duplicates and the estimated similarity. */
  matched?: { id: string; similarity: number };
  /** Judged records: the judge's verdict. */
  judge?: { score: number; reason: string; model: string };
  /** `contamination` and `seed-copy`: the held-out (or seed) file and item it overlaps, and how. */
  overlap?: ContaminationHit;
}

/** A record's overlap with a guarded item, as the rejects file keeps it. */
export interface ContaminationHit {
  /** The held-out file as given (or the seeds' label). */
  file: string;
  /** 1-based position of the item in its file. */
  item: number;
  /** The item's id, when its file carried one. */
  id?: string;
  kind: 'exact' | 'near' | 'ngram';
  similarity: number;
}

/** A journal line as read back from disk. */
export const journalEntrySchema = z.looseObject({
  id: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

/** A rejects line as read back from disk. */
export const rejectEntrySchema = z.looseObject({
  kind: z.string(),
  reasons: z.array(z.string()),
});
