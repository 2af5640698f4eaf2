import { SynthesisError } from '../errors/synthesis-error.js';
import { isFileError } from '../fs/file-error.js';
import { type RecordFileEntry, readRecordEntries } from '../fs/read-record-entries.js';

/**
 * The entries of a records file a setting names (`holdout`, `judgeGold`): any layout DataSynth
 * reads. A missing or malformed file becomes one `invalid_input` line naming the file, what it is
 * for, and the setting to fix.
 */
export async function readSettingRecords(
  file: string,
  purpose: { label: string; fix: string },
): Promise<RecordFileEntry[]> {
  try {
    return (await readRecordEntries(file)).entries;
  } catch (error) {
    if (!isFileError(error)) throw error;
    throw new SynthesisError(
      'invalid_input',
      `${purpose.label} ${file} cannot be used: ${error.message} ${purpose.fix}`,
      {
        path: file,
      },
    );
  }
}
