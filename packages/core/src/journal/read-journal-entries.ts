import { existsSync } from 'node:fs';
import { readLines } from '../fs/index.js';
import type { JournalEntry } from './journal-entry.js';

/**
 * Streams the entries of a journal that `openJournal` has already checked (torn tail dropped),
 * one line at a time, so a run never has to hold every record in memory to write its output.
 */
export async function* readJournalEntries(journalPath: string): AsyncGenerator<JournalEntry> {
  if (!existsSync(journalPath)) return;
  for await (const line of readLines(journalPath)) {
    if (line.text.trim() === '') continue;
    yield JSON.parse(line.text) as JournalEntry;
  }
}
