import { SynthesisError } from '../errors/synthesis-error.js';
import { JournalError } from '../journal/journal-error.js';
import { readRecordEntries } from '../journal/read-record-entries.js';
import { ContaminationGuard, type ContaminationGuardOptions } from './contamination-guard.js';

/**
 * Builds a guard over held-out files: any records file DataSynth reads (JSONL, a JSON array, a
 * DataRecipe/DataSynth envelope, whose sample ids are kept). Files are read one at a time, so
 * only the index (not the records) stays in memory.
 *
 * @throws SynthesisError `invalid_input` naming the file when one is missing or not records.
 */
export async function loadHoldout(
  paths: readonly string[],
  options: ContaminationGuardOptions,
): Promise<ContaminationGuard> {
  const guard = new ContaminationGuard(options);
  for (const file of paths) {
    let entries: Awaited<ReturnType<typeof readRecordEntries>>['entries'];
    try {
      ({ entries } = await readRecordEntries(file));
    } catch (error) {
      if (!JournalError.isInstance(error)) throw error;
      throw new SynthesisError(
        'invalid_input',
        `Held-out file ${file} cannot be used: ${error.message} Fix it or remove it from \`holdout\`.`,
        { path: file },
      );
    }
    guard.addFile(
      file,
      entries.map((entry) => entry.data),
      entries.map((entry) => entry.id),
    );
  }
  return guard;
}
