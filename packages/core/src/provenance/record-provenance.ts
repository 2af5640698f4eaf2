import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The journal-entry key a record's provenance rides under (beside `data`, like `judge`). */
export const PROVENANCE_KEY = 'provenance';

/**
 * Where one accepted record came from: written to `<output>.provenance.jsonl`, one line per record.
 * Everything here is what was actually sent or reported, never what was configured.
 */
export const RecordProvenanceSchema = z.object({
  /**
   * The model id as the provider reported it in its answer (may differ from the id asked for);
   * `host` for a reply pasted or returned by the host in the interactive mode.
   */
  model: z.string(),
  /** The provider's request id, when it gave one. */
  requestId: z.string().optional(),
  /**
   * The call that produced it: `call-12` online, `batch-<batch id>/request-<custom id>` through a
   * batch API, `reply-2` for the second reply taken in by the interactive mode.
   */
  callId: z.string(),
  /** SHA-256 (first 16 hex digits) of the stable prompt prefix sent; absent in the interactive mode. */
  stablePromptHash: z.string().optional(),
  /**
   * SHA-256 (first 16 hex digits) of the varying part sent (seeds shown, count, steering); absent
   * in the interactive mode, where the prompt was shown to a person or host, not sent by DataSynth.
   */
  varyingPromptHash: z.string().optional(),
  /** Ids of the seeds shown in that call (`seed #3`, 1-based positions in the seed file). */
  seedIds: z.array(z.string()),
  /** Sampling settings sent with the call; a setting not sent is absent (all of it in the interactive mode). */
  sampling: z.object({ temperature: z.number().optional(), maxTokens: z.number() }).optional(),
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
