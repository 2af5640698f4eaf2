import { randomBytes } from 'node:crypto';
import { link, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { readTextIfExists, withSyncedHandle } from '../fs/index.js';
import { isProcessRunning } from './is-process-running.js';
import { describeIoError, JournalError, toJournalError } from './journal-error.js';
import { journalPaths } from './journal-paths.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';

/** What a lock file holds: who wrote it and a token unique to that acquisition. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
  startedAt: string;
}

/** A lock file whose contents cannot be read yet is trusted for this long (its writer may be mid-write). */
const UNREADABLE_GRACE_MS = 10_000;
const MAX_ATTEMPTS = 5;

/**
 * The exclusive lock file (`.datasynth/<output name>.lock`, see `journalPaths`) that keeps two processes (two terminals, the CLI and the MCP
 * server) from writing one output at once. It is created whole (see `tryCreate`) and holds the
 * owner's pid and host; a lock whose pid no longer runs on this host is stale and taken over. Release it with
 * {@link OutputLock.release}.
 */
export class OutputLock {
  /** The lock file (`journalPaths(output).lock`). */
  readonly path: string;
  readonly #token: string;
  #released = false;

  private constructor(lockPath: string, token: string) {
    this.path = lockPath;
    this.#token = token;
  }

  /**
   * Takes the lock for `output` (whose bookkeeping folder must exist).
   *
   * @throws JournalError `locked` when a live process holds it, `io` when the file cannot be made.
   */
  static async acquire(output: string): Promise<OutputLock> {
    const lockPath = journalPaths(output).lock;
    const owner: LockOwner = {
      pid: process.pid,
      host: os.hostname(),
      token: randomBytes(8).toString('hex'),
      startedAt: new Date().toISOString(),
    };
    // Temp files of lock writers that died before linking theirs.
    await removeStaleTempFiles(lockPath);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      if (await tryCreate(lockPath, owner)) return new OutputLock(lockPath, owner.token);
      const held = await readOwner(lockPath);
      if (held === 'missing') continue;
      if (held === 'unreadable') {
        if (!(await olderThan(lockPath, UNREADABLE_GRACE_MS))) throw lockedError(output, lockPath);
      } else if (held.host !== owner.host || isProcessRunning(held.pid)) {
        throw lockedError(output, lockPath, held);
      }
      await takeOver(lockPath, held === 'unreadable' ? undefined : held.token, owner.token);
    }
    throw lockedError(output, lockPath);
  }

  /** Deletes the lock file if it is still this lock's. Safe to call twice; never throws. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    const held = await readOwner(this.path).catch(() => 'unreadable' as const);
    if (typeof held === 'object' && held.token === this.#token) {
      await rm(this.path, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Creates the lock with its contents in one step: written whole to a temp file, then hard-linked
 * to the lock path (which fails when a lock exists). A process killed at any moment leaves no lock
 * or a complete one, never an empty lock that others would have to wait out. File systems without
 * hard links get an exclusive create followed by the write.
 */
async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  const text = `${JSON.stringify(owner)}\n`;
  const temp = `${lockPath}.tmp-${process.pid}-${owner.token}`;
  try {
    await writeSynced(temp, text);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw lockFileError('write', lockPath, error);
  }
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createExclusive(lockPath, text);
    throw lockFileError('create', lockPath, error);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function writeSynced(file: string, text: string): Promise<void> {
  await withSyncedHandle(file, 'wx', (handle) => handle.writeFile(text));
}

async function createExclusive(lockPath: string, text: string): Promise<boolean> {
  try {
    await writeSynced(lockPath, text);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    await rm(lockPath, { force: true }).catch(() => undefined);
    throw lockFileError('create', lockPath, error);
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  const text = await readTextIfExists(lockPath, 'the lock file').catch((error: unknown) => {
    throw toJournalError(error);
  });
  if (text === undefined) return 'missing';
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      Number.isInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.token === 'string' &&
      typeof value.startedAt === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // fall through: not (yet) a complete lock
  }
  return 'unreadable';
}

/**
 * Removes a stale lock without ever removing a live one: the lock is first renamed aside (only one
 * process can win that), and put back when what was moved turns out not to be the stale lock.
 */
async function takeOver(lockPath: string, staleToken: string | undefined, ownToken: string): Promise<void> {
  const aside = `${lockPath}.stale-${ownToken}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new JournalError(
      'io',
      lockPath,
      `Could not take over the stale lock file ${lockPath}: ${describeIoError(error)}.`,
      {
        cause: error,
      },
    );
  }
  const moved = await readOwner(aside).catch(() => 'unreadable' as const);
  const movedToken = typeof moved === 'object' ? moved.token : undefined;
  if (movedToken !== staleToken) {
    // Another process took the lock between our check and the rename: give it back.
    await link(aside, lockPath).catch(() => undefined);
  }
  await rm(aside, { force: true }).catch(() => undefined);
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ms;
  } catch {
    return true;
  }
}

function lockFileError(action: 'create' | 'write', lockPath: string, cause: unknown): JournalError {
  return new JournalError(
    'io',
    lockPath,
    `Could not ${action} the lock file ${lockPath}: ${describeIoError(cause)}. Check the output path and its permissions.`,
    { cause },
  );
}

function lockedError(output: string, lockPath: string, owner?: LockOwner): JournalError {
  const who =
    owner === undefined
      ? 'another process'
      : owner.host === os.hostname()
        ? `process ${owner.pid}`
        : `process ${owner.pid} on ${owner.host}`;
  return new JournalError(
    'locked',
    lockPath,
    `Output ${output} is being written by ${who}. Wait for it to finish or stop it (if no such process runs, delete ${lockPath}).`,
  );
}
