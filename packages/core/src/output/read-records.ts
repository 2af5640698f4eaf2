import { PromptsError, readTextFile } from '@datasynth/prompts';
import { isFileError, type RecordFileContents, readRecordEntries } from '../fs/index.js';
import { OutputError } from './output-error.js';

/**
 * `readRecordEntries` of a user's records file, with its failures as `OutputError` `unreadable`.
 * The file is first checked like every input (`readTextFile`: a regular file of at most
 * `maxInputBytes`, 64 MiB unless set, in strict UTF-8), so a FIFO or /dev/zero is refused at once.
 */
export async function readRecords(
  filePath: string,
  options: { maxInputBytes?: number } = {},
): Promise<RecordFileContents> {
  try {
    readTextFile(filePath, 'records file', {
      ...(options.maxInputBytes !== undefined && { maxBytes: options.maxInputBytes }),
    });
    return await readRecordEntries(filePath);
  } catch (error) {
    if (isFileError(error)) {
      throw new OutputError('unreadable', error.message, { path: error.path, cause: error });
    }
    if (PromptsError.isInstance(error)) {
      const message = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
      throw new OutputError('unreadable', message, { path: filePath, cause: error });
    }
    throw error;
  }
}
