import { rename } from 'node:fs/promises';
import { pathExists } from '../fs/index.js';
import { describeIoError, JournalError } from './journal-error.js';
import { type JournalPaths, legacyJournalPaths } from './journal-paths.js';

/**
 * Moves the journal, rejects and state that earlier releases kept beside the output into the bookkeeping
 * folder, so a run interrupted before an upgrade still resumes (and `new` still refuses to bury it).
 * Nothing moves over a file already there. Call it holding the lock.
 */
export async function moveLegacyFiles(paths: JournalPaths): Promise<void> {
  const legacy = legacyJournalPaths(paths.output);
  for (const key of ['journal', 'rejects', 'state'] as const) {
    const from = legacy[key];
    const to = paths[key];
    if (!(await exists(from)) || (await exists(to))) continue;
    try {
      await rename(from, to);
    } catch (error) {
      throw new JournalError('io', from, `Could not move ${from} to ${to}: ${describeIoError(error)}.`, {
        cause: error,
      });
    }
  }
}

function exists(file: string): Promise<boolean> {
  return pathExists(
    file,
    (cause) => new JournalError('io', file, `Could not check ${file}: ${describeIoError(cause)}.`, { cause }),
  );
}
