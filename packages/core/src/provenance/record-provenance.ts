import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The journal-entry key a record's provenance rides under (beside `data`, like `judge`). */
export const PROVENANCE_KEY = 'provenance';

/**
 * Where one accepted record came from: written to `<output>.provenance.jsonl`, one line per record.
 * Everything here is what was actually sent or reported, never what was configured.
 */
export const RecordProvenanceSchema = z.object({
  /** The model id as the provider reported it in its answer (may differ from the id asked for). */
  model: z.string(),
  /** The provider's request id, when it gave one. */
  requestId: z.string().optional(),
  /** The call that produced it: `call-12` online, `batch-3/request-7` through a batch API. */
  callId: z.string(),
  /** SHA-256 (first 16 hex digits) of the stable prompt prefix sent. */
  stablePromptHash: z.string(),
  /** SHA-256 (first 16 hex digits) of the varying part sent (seeds shown, count, steering). */
  varyingPromptHash: z.string(),
  /** Ids of the seeds shown in that call (`seed #3`, 1-based positions in the seed file). */
  seedIds: z.array(z.string()),
  /** Sampling settings sent with the call; a setting not sent is absent. */
  sampling: z.object({ temperature: z.number().optional(), maxTokens: z.number() }),
  /** The judge's verdict, when judged. */
  judge: z.object({ score: z.number(), reason: z.string(), model: z.string() }).optional(),
  /** This record's share of its call's cost in USD (the call's cost over the records it produced); absent when unpriced. */
  costShare: z.number().optional(),
  /** When it was accepted (ISO 8601). */
  acceptedAt: z.string(),
});

/** See {@link RecordProvenanceSchema}. */
export type RecordProvenance = z.infer<typeof RecordProvenanceSchema>;

/** The first 16 hex digits of the SHA-256 of a text: enough to tell prompts apart, short to store. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
