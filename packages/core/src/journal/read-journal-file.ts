import type { z } from 'zod';
import { readLines, withSyncedHandle } from '../fs/index.js';
import { describeIoError, JournalError } from './journal-error.js';

/** What reading one append-only JSONL file (journal or rejects) found. */
export interface JournalFileContents<T> {
  /** The parsed lines, when `collect` was asked for (else empty). */
  items: T[];
  /** How many complete, valid lines the file holds. */
  count: number;
  /** True when a torn last line was found and cut off the file. */
  droppedTornLine: boolean;
}

/**
 * Reads an append-only JSONL file written by `RunJournal`, streaming. A torn last line (no
 * trailing newline, or not valid JSON) is what a crash mid-append leaves: it is dropped and the
 * file truncated (durably) to the last complete line. Anything wrong before the last line is not
 * a crash artefact and throws `JournalError` `corrupt` naming the file and line.
 *
 * @returns `undefined` when the file does not exist.
 */
export async function readJournalFile<T>(options: {
  path: string;
  schema: z.ZodType<T>;
  collect: boolean;
  label: string;
}): Promise<JournalFileContents<T> | undefined> {
  const { path: filePath, schema, collect, label } = options;
  const items: T[] = [];
  let count = 0;
  let validEnd = 0;
  let torn = false;
  let invalidLine: number | undefined;
  try {
    for await (const line of readLines(filePath)) {
      if (!line.terminated) {
        torn = true;
        break;
      }
      if (line.text.trim() === '') {
        if (invalidLine === undefined) validEnd = line.end;
        continue;
      }
      if (invalidLine !== undefined) throw corrupt(label, filePath, invalidLine, 'not valid JSON');
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch {
        invalidLine = line.number;
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        throw corrupt(label, filePath, line.number, `${where}${issue?.message ?? 'unexpected shape'}`);
      }
      if (collect) items.push(parsed.data);
      count += 1;
      validEnd = line.end;
    }
  } catch (error) {
    if (JournalError.isInstance(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new JournalError(
      'io',
      filePath,
      `Could not read ${label.toLowerCase()} ${filePath}: ${describeIoError(error)}.`,
      {
        cause: error,
      },
    );
  }
  if (invalidLine !== undefined) torn = true;
  if (torn) await truncateDurably(filePath, validEnd, label);
  return { items, count, droppedTornLine: torn };
}

function corrupt(label: string, filePath: string, line: number, reason: string): JournalError {
  return new JournalError(
    'corrupt',
    filePath,
    `${label} ${filePath} is corrupt at line ${line}: ${reason}. Fix or delete that line, then resume.`,
  );
}

async function truncateDurably(filePath: string, length: number, label: string): Promise<void> {
  try {
    await withSyncedHandle(filePath, 'r+', (handle) => handle.truncate(length));
  } catch (error) {
    throw new JournalError(
      'io',
      filePath,
      `Could not cut the torn last line off ${label.toLowerCase()} ${filePath}: ${describeIoError(error)}.`,
      { cause: error },
    );
  }
}
