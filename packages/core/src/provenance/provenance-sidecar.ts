import fs from 'node:fs';
import { z } from 'zod';
import { readLines } from '../fs/read-lines.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { journalPaths } from '../journal/journal-paths.js';
import type { RecordEntry as JournalEntry } from '../records/record-entry.js';
import { PROVENANCE_KEY, type RecordProvenance, RecordProvenanceSchema } from './record-provenance.js';

/**
 * `<output>.provenance.jsonl`: the per-record provenance sidecar of an output (in the bookkeeping
 * folder for an output in a DataRecipe folder's `11_合成数据/`: see `journalPaths`).
 */
export function provenancePath(outputPath: string): string {
  return journalPaths(outputPath).provenance;
}

/** One sidecar line: the record's id, then its provenance. */
export type ProvenanceLine = { id: string } & RecordProvenance;

/**
 * Writes the sidecar from the journal's entries, atomically (temp file, fsync, rename), like the
 * output: one line per entry that carries provenance, in journal order. Since provenance rides in
 * the journal beside each record, the sidecar is exactly as durable as the records: what survives a
 * crash and a resume is what the journal kept. Returns the number of lines written.
 */
export async function writeProvenanceSidecar(
  outputPath: string,
  entries: AsyncIterable<JournalEntry> | Iterable<JournalEntry>,
): Promise<number> {
  let lines = 0;
  async function* render(): AsyncGenerator<string> {
    for await (const entry of entries) {
      const provenance = readProvenance(entry);
      if (!provenance) continue;
      lines++;
      yield `${JSON.stringify({ id: entry.id, ...provenance })}\n`;
    }
  }
  await writeFileAtomic(provenancePath(outputPath), render());
  return lines;
}

/** The provenance a journal entry carries, when it carries a well-formed one. */
export function readProvenance(entry: JournalEntry): RecordProvenance | undefined {
  const parsed = RecordProvenanceSchema.safeParse(entry[PROVENANCE_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The provenance lines beside an output (`<output>.provenance.jsonl`), or `undefined` when there is
 * no sidecar. Lines that are not well-formed provenance are skipped.
 */
export async function readProvenanceSidecar(outputPath: string): Promise<ProvenanceLine[] | undefined> {
  const file = provenancePath(outputPath);
  if (!fs.existsSync(file)) return undefined;
  const lines: ProvenanceLine[] = [];
  for await (const { text } of readLines(file)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const parsed = ProvenanceLineSchema.safeParse(value);
    if (parsed.success) lines.push(parsed.data);
  }
  return lines;
}

const ProvenanceLineSchema = RecordProvenanceSchema.extend({ id: z.string() });
