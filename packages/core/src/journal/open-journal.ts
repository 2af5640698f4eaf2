import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  fsyncDirectory,
  pathExists,
  readRecordEntries,
  readTextIfExists,
  writeFileAtomic,
} from '../fs/index.js';
import { makeDirectories } from '../fs/make-directories.js';
import { nextRecordId } from '../records/next-record-id.js';
import { type JournalEntry, journalEntrySchema, rejectEntrySchema } from './journal-entry.js';
import { describeIoError, JournalError, toJournalError } from './journal-error.js';
import { type JournalPaths, journalPaths } from './journal-paths.js';
import { moveLegacyFiles } from './move-legacy-files.js';
import { OutputLock } from './output-lock.js';
import { readJournalFile } from './read-journal-file.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { RunJournal } from './run-journal.js';

/** How to treat what a previous run left at the output path. */
export type OpenJournalMode = 'new' | 'resume' | 'overwrite' | 'append';

/** Options for `openJournal`. */
export interface OpenJournalOptions {
  /** The final output path; the journal files sit in its bookkeeping folder (see `journalPaths`). */
  outputPath: string;
  /**
   * - `new`: fail with `JournalError` `exists` if the output, journal, rejects or state file exists (nothing is touched);
   * - `resume`: continue the journal (and read the state) a previous run left; with no journal,
   *   start from the records of an existing output (so finishing cannot drop them), else from nothing;
   * - `overwrite`: delete a previous journal, rejects and state; the output itself is only replaced when the caller finalizes;
   * - `append`: like `resume`, for adding records to an existing output (the state is read if present but not needed).
   */
  mode: OpenJournalMode;
}

/** An open journal and everything a previous run left in it. */
export interface OpenedJournal {
  /** Where to append from now on. */
  journal: RunJournal;
  /** The accepted records already on disk, in order. */
  existing: JournalEntry[];
  /** The last state written, or `undefined` when there is none. */
  state: unknown | undefined;
  /** True when a crash had left a torn last line (journal or rejects) and it was cut off. */
  droppedTornLine: boolean;
  /** How many rejects are already on disk. */
  rejectsCount: number;
}

/**
 * Opens the journal for a run writing `outputPath`, creating its directory when needed. On
 * resume, a torn last line is dropped and the file truncated; a corrupt earlier line throws.
 * Every mode first takes the exclusive lock (`journalPaths(output).lock`; a stale one, left by a process that no
 * longer runs, is taken over); `RunJournal.close()` releases it. While another process holds it,
 * nothing is read or changed.
 *
 * @throws JournalError `locked` (another process is writing this output), `exists` (mode `new`
 *   only), `corrupt` (a bad line or state file), `io`.
 */
export async function openJournal(options: OpenJournalOptions): Promise<OpenedJournal> {
  if (!MODES.has(options.mode)) throw new TypeError(`openJournal: unknown mode ${String(options.mode)}`);
  const paths = journalPaths(options.outputPath);
  await createDirectory(path.dirname(paths.output));
  await createDirectory(paths.folder);
  const lock = await OutputLock.acquire(paths.output);
  try {
    await moveLegacyFiles(paths);
    const opened = await openLocked(paths, options.mode);
    return { ...opened, journal: new RunJournal(paths, lock) };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

const MODES: ReadonlySet<string> = new Set<OpenJournalMode>(['new', 'resume', 'overwrite', 'append']);

async function openLocked(
  paths: JournalPaths,
  mode: OpenJournalMode,
): Promise<Omit<OpenedJournal, 'journal'>> {
  switch (mode) {
    case 'new':
      await refuseExisting(paths);
      await createEmptyJournal(paths);
      return fresh();
    case 'overwrite':
      await removeStaleFiles(paths);
      await removeFiles([paths.state, paths.rejects, paths.journal]);
      await createEmptyJournal(paths);
      return fresh();
    case 'resume':
    case 'append':
      await removeStaleFiles(paths);
      return continueJournal(paths);
  }
}

async function continueJournal(paths: JournalPaths): Promise<Omit<OpenedJournal, 'journal'>> {
  const read = await readJournalFile({
    path: paths.journal,
    schema: journalEntrySchema,
    collect: true,
    label: 'Journal',
  });
  let existing: JournalEntry[];
  let droppedTornLine = read?.droppedTornLine ?? false;
  if (read !== undefined) {
    existing = read.items;
  } else if (await exists(paths.output)) {
    existing = await seedFromOutput(paths);
  } else {
    existing = [];
    await createEmptyJournal(paths);
  }
  const rejects = await readJournalFile({
    path: paths.rejects,
    schema: rejectEntrySchema,
    collect: false,
    label: 'Rejects file',
  });
  droppedTornLine ||= rejects?.droppedTornLine ?? false;
  return {
    existing,
    state: await readState(paths.state),
    droppedTornLine,
    rejectsCount: rejects?.count ?? 0,
  };
}

async function seedFromOutput(paths: JournalPaths): Promise<JournalEntry[]> {
  try {
    return await copyOutputToJournal(paths);
  } catch (error) {
    throw toJournalError(error);
  }
}

async function copyOutputToJournal(paths: JournalPaths): Promise<JournalEntry[]> {
  const contents = await readRecordEntries(paths.output);
  const entries: JournalEntry[] = contents.entries.map((entry, index) => ({
    id: entry.id ?? nextRecordId(index),
    data: entry.data,
    ...entry.extra,
  }));
  await writeFileAtomic(paths.journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return entries;
}

async function readState(statePath: string): Promise<unknown> {
  const text = await readTextIfExists(statePath, 'the state file').catch((error: unknown) => {
    throw toJournalError(error);
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new JournalError(
      'corrupt',
      statePath,
      `State file ${statePath} is not valid JSON (${(error as Error).message}); delete it to resume from the journal alone, or use the overwrite option to start over.`,
      { cause: error },
    );
  }
}

async function refuseExisting(paths: JournalPaths): Promise<void> {
  if (await exists(paths.output)) {
    throw new JournalError(
      'exists',
      paths.output,
      `Output ${paths.output} already exists. Use the resume option to continue it, or the overwrite option to replace it.`,
    );
  }
  const leftovers: [string, string][] = [
    [paths.journal, 'journal'],
    [paths.state, 'state file'],
    [paths.rejects, 'rejects file'],
  ];
  for (const [file, what] of leftovers) {
    if (await exists(file)) {
      throw new JournalError(
        'exists',
        file,
        `An interrupted run's ${what} ${file} exists for output ${paths.output}. Use the resume option to continue that run, or the overwrite option to start over.`,
      );
    }
  }
}

function fresh(): Omit<OpenedJournal, 'journal'> {
  return {
    existing: [],
    state: undefined,
    droppedTornLine: false,
    rejectsCount: 0,
  };
}

async function createDirectory(directory: string): Promise<void> {
  try {
    await makeDirectories(directory);
  } catch (error) {
    throw new JournalError(
      'io',
      directory,
      `Could not create the folder ${directory}: ${describeIoError(error)}. Check the output path and its permissions.`,
      { cause: error },
    );
  }
}

async function createEmptyJournal(paths: JournalPaths): Promise<void> {
  const directory = path.dirname(paths.journal);
  try {
    const handle = await open(paths.journal, 'a');
    await handle.close();
    await fsyncDirectory(directory);
  } catch (error) {
    throw new JournalError(
      'io',
      paths.journal,
      `Could not create the journal ${paths.journal}: ${describeIoError(error)}. Check the output path and its permissions.`,
      { cause: error },
    );
  }
}

async function removeStaleFiles(paths: JournalPaths): Promise<void> {
  await removeStaleTempFiles(paths.state);
  await removeStaleTempFiles(paths.output);
  await removeStaleTempFiles(paths.journal);
}

async function removeFiles(files: string[]): Promise<void> {
  for (const file of files) {
    try {
      await rm(file, { force: true });
    } catch (error) {
      throw new JournalError('io', file, `Could not delete ${file}: ${describeIoError(error)}.`, {
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
