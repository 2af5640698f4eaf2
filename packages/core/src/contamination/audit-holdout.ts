import type { JournalEntry } from '../journal/journal-entry.js';
import type { ContaminationGuard } from './contamination-guard.js';

/** Records of an output that overlap held-out items, with the first few named. */
export interface HoldoutAudit {
  records: number;
  overlapping: number;
  examples: { id: string; file: string; item: number; kind: 'exact' | 'near' | 'ngram' }[];
}

const EXAMPLES = 3;

/** Checks every record of a journal against the guard (streamed). */
export async function auditAgainstHoldout(
  entries: AsyncIterable<JournalEntry> | Iterable<JournalEntry>,
  guard: ContaminationGuard,
): Promise<HoldoutAudit> {
  const audit: HoldoutAudit = { records: 0, overlapping: 0, examples: [] };
  for await (const entry of entries) {
    audit.records++;
    const verdict = guard.check(entry.data);
    if (!verdict.hit) continue;
    audit.overlapping++;
    if (audit.examples.length < EXAMPLES) {
      audit.examples.push({ id: entry.id, file: verdict.file, item: verdict.item, kind: verdict.kind });
    }
  }
  return audit;
}

/** One warning line for an audit that found overlaps; undefined when it found none. */
export function describeHoldoutAudit(audit: HoldoutAudit): string | undefined {
  if (audit.overlapping === 0) return undefined;
  const examples = audit.examples.map(
    (example) => `${example.id} ~ ${example.file} item ${example.item} (${example.kind})`,
  );
  return `${audit.overlapping} of ${audit.records} records overlap held-out items (${examples.join('; ')}${audit.overlapping > examples.length ? '; …' : ''}). They are in the output: remove them before training on it.`;
}
