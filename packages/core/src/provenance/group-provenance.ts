import { readProvenanceSidecar } from './provenance-sidecar.js';
import type { RecordProvenance } from './record-provenance.js';

/** What records can be grouped by. */
export const PROVENANCE_GROUPS = [
  'model',
  'requestId',
  'stablePromptHash',
  'varyingPromptHash',
  'callId',
  'seed',
  'temperature',
  'maxTokens',
  'judgeScore',
  'acceptedHour',
] as const;

/** See {@link PROVENANCE_GROUPS}. */
export type ProvenanceGroup = (typeof PROVENANCE_GROUPS)[number];

/** One group: its value, how many records fall in it, and their summed cost share (USD; absent when none is priced). */
export interface ProvenanceGroupRow {
  value: string;
  records: number;
  cost?: number;
}

/** The records of an output grouped by one provenance key (what `stats` and `synthesis_stats` answer). */
export interface ProvenanceGroups {
  by: ProvenanceGroup;
  rows: ProvenanceGroupRow[];
}

/**
 * The records of an output grouped by one key, read from its provenance sidecar
 * (`<output>.provenance.jsonl`); undefined when the output has none (a run with `provenance: false`,
 * or records not made by a run).
 */
export async function groupProvenanceFile(
  outputPath: string,
  by: ProvenanceGroup,
): Promise<ProvenanceGroups | undefined> {
  const lines = await readProvenanceSidecar(outputPath);
  return lines === undefined ? undefined : { by, rows: groupProvenance(lines, by) };
}

/**
 * Groups records by one provenance key, largest groups first (then by value). A record shown
 * several seeds counts once under each (`seed`); `temperature` and `maxTokens` are the sampling
 * settings sent; `acceptedHour` is the UTC hour it was accepted; a record without the key counts
 * under `(none)`.
 */
export function groupProvenance(
  provenances: Iterable<RecordProvenance>,
  by: ProvenanceGroup,
): ProvenanceGroupRow[] {
  const groups = new Map<string, ProvenanceGroupRow>();
  for (const provenance of provenances) {
    for (const value of valuesOf(provenance, by)) {
      const row = groups.get(value) ?? { value, records: 0 };
      row.records++;
      if (provenance.costShare !== undefined) row.cost = (row.cost ?? 0) + provenance.costShare;
      groups.set(value, row);
    }
  }
  return [...groups.values()].sort((a, b) => b.records - a.records || (a.value < b.value ? -1 : 1));
}

function valuesOf(provenance: RecordProvenance, by: ProvenanceGroup): string[] {
  switch (by) {
    case 'seed':
      return provenance.seedIds.length > 0 ? provenance.seedIds : ['(none)'];
    case 'judgeScore':
      return [provenance.judge === undefined ? '(none)' : String(provenance.judge.score)];
    case 'temperature':
    case 'maxTokens':
      return [String(provenance.sampling?.[by] ?? '(none)')];
    case 'acceptedHour':
      // ISO 8601 up to the hour, UTC: `2026-12-06T20`.
      return [provenance.acceptedAt.slice(0, 13)];
    default:
      return [provenance[by] ?? '(none)'];
  }
}
