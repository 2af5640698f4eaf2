import type { GenerateRequest } from '@datasynth/providers';
import type { JudgeVerdict } from '../judge/record-judge.js';
import type { RecordEntry } from '../records/record-entry.js';
import { PROVENANCE_KEY, type RecordProvenance } from './record-provenance.js';

/** What a planned request showed the model: known when it is built, kept until its answer is taken in. */
export type PromptProvenance = Pick<
  RecordProvenance,
  'stablePromptHash' | 'varyingPromptHash' | 'seedIds' | 'sampling'
>;

/** Where the records of one answered call came from. */
export interface CallProvenance {
  /** `call-12` online; `batch-<provider batch id>/request-<custom id>` through a batch API; `reply-2` interactive. */
  callId: string;
  /** The model id the provider reported (the id asked for when it reported none); `host` interactive. */
  model: string;
  requestId?: string;
  /** What the call showed the model; absent in the interactive mode (DataSynth did not send the prompt). */
  prompt?: PromptProvenance;
  /** The call's cost in USD; absent when the model is unpriced. */
  cost?: number | undefined;
}

/** The sampling settings a request actually carries: a temperature only when one is sent. */
export function samplingOf(
  request: Pick<GenerateRequest, 'temperature' | 'maxTokens'>,
): RecordProvenance['sampling'] {
  return {
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    maxTokens: request.maxTokens,
  };
}

/**
 * Stamps the records accepted from one call with their provenance, under {@link PROVENANCE_KEY}
 * beside `data`, so it is journaled with them. Cost share rule: the call's whole cost (rejected and
 * duplicate records included: they were paid for to get these) divided evenly over the records
 * accepted from it, so the shares of a run add up to the cost of its generation calls that yielded
 * records; judge and topic calls are not shared out. A judged record carries the verdict it passed
 * with (score, reason, judge model).
 */
export function stampProvenance(
  accepted: readonly RecordEntry[],
  call: CallProvenance,
  acceptedAt: string,
): void {
  const costShare =
    call.cost === undefined || accepted.length === 0 ? undefined : call.cost / accepted.length;
  for (const entry of accepted) {
    const verdict = entry.judge as JudgeVerdict | undefined;
    const provenance: RecordProvenance = {
      model: call.model,
      ...(call.requestId !== undefined && { requestId: call.requestId }),
      callId: call.callId,
      seedIds: [],
      ...call.prompt,
      ...(verdict && { judge: { score: verdict.score, reason: verdict.reason, model: verdict.model } }),
      ...(costShare !== undefined && { costShare }),
      acceptedAt,
    };
    entry[PROVENANCE_KEY] = provenance;
  }
}

/**
 * The highest `call-N` (or, with `prefix: 'reply'`, `reply-N`) among the provenance of records
 * journaled by earlier sessions (0 when none): a resumed run numbers its calls on from there, so a
 * call id names one call across the whole run.
 */
export function lastCallNumber(entries: Iterable<RecordEntry>, prefix: 'call' | 'reply' = 'call'): number {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let last = 0;
  for (const entry of entries) {
    const callId = (entry[PROVENANCE_KEY] as { callId?: unknown } | undefined)?.callId;
    const number = typeof callId === 'string' ? pattern.exec(callId)?.[1] : undefined;
    if (number !== undefined) last = Math.max(last, Number(number));
  }
  return last;
}

/** The entry without its provenance (which goes to the sidecar, not the output). */
export function withoutProvenance(entry: RecordEntry): RecordEntry {
  if (!(PROVENANCE_KEY in entry)) return entry;
  const { [PROVENANCE_KEY]: _provenance, ...rest } = entry;
  return rest as RecordEntry;
}
