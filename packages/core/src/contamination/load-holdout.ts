import { readSettingRecords } from '../inputs/read-setting-records.js';
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
    const entries = await readSettingRecords(file, {
      label: 'Held-out file',
      fix: 'Fix it or remove it from `holdout`.',
    });
    guard.addFile(
      file,
      entries.map((entry) => entry.data),
      entries.map((entry) => entry.id),
    );
  }
  return guard;
}
