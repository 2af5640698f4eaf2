import { JournalError } from '../journal/journal-error.js';
import { type RecordFileContents, readRecordEntries } from '../journal/read-record-entries.js';
import { OutputError } from './output-error.js';

/** `readRecordEntries` with its failures as `OutputError` `unreadable`. */
export async function readRecords(filePath: string): Promise<RecordFileContents> {
  try {
    return await readRecordEntries(filePath);
  } catch (error) {
    if (JournalError.isInstance(error)) {
      throw new OutputError('unreadable', error.message, { path: error.path, cause: error });
    }
    throw error;
  }
}
