export { nextRecordId } from '../records/next-record-id.js';
export type { JournalEntry, RejectEntry } from './journal-entry.js';
export { JournalError, type JournalErrorCode } from './journal-error.js';
export { type JournalPaths, journalPaths } from './journal-paths.js';
export {
  type OpenedJournal,
  type OpenJournalMode,
  type OpenJournalOptions,
  openJournal,
} from './open-journal.js';
export { readJournalEntries } from './read-journal-entries.js';
export { RunJournal } from './run-journal.js';
