import { isFileError, type RecordFileContents, readRecordEntries } from '../fs/index.js';
import { OutputError } from './output-error.js';

/** `readRecordEntries` with its failures as `OutputError` `unreadable`. */
export async function readRecords(filePath: string): Promise<RecordFileContents> {
  try {
    return await readRecordEntries(filePath);
  } catch (error) {
    if (isFileError(error)) {
      throw new OutputError('unreadable', error.message, { path: error.path, cause: error });
    }
    throw error;
  }
}
