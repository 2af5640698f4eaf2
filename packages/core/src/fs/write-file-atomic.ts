import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError, FileError } from './file-error.js';
import { fsyncDirectory } from './fsync-directory.js';
import { makeDirectories } from './make-directories.js';

/** The temp file name `writeFileAtomic` uses beside `target`; `removeStaleTempFiles` recognises it. */
export function atomicTempPath(target: string): string {
  return `${target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Replaces `filePath` with `content` so that a crash at any moment leaves either the old file or
 * the new one, never a mix: writes a temp file beside it, fsyncs it, renames it over the target
 * and fsyncs the directory. Creates missing parent directories. `content` may also be an
 * iterable (sync or async) of string chunks, written as they come, so a large file is never one
 * giant string.
 *
 * @throws FileError `io` naming the file when any step fails (the temp file is removed).
 */
export async function writeFileAtomic(
  filePath: string,
  content: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const target = path.resolve(filePath);
  const directory = path.dirname(target);
  const temp = atomicTempPath(target);
  let step = 'create the directory of';
  try {
    await makeDirectories(directory);
    step = 'write';
    const handle = await open(temp, 'wx');
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
      else await writeChunks(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    step = 'replace';
    await rename(temp, target);
    step = 'sync the directory of';
    await fsyncDirectory(directory);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof ContentFailure) throw error.cause;
    throw new FileError(
      'io',
      target,
      `Could not ${step} ${target}: ${describeIoError(error)}. Check the path, permissions and free space, then try again.`,
      { cause: error },
    );
  }
}

const CHUNK_CHARS = 1 << 20;

/** An error thrown by the content iterable itself (not the file system); rethrown as it is. */
class ContentFailure {
  readonly cause: unknown;
  constructor(cause: unknown) {
    this.cause = cause;
  }
}

/** Writes string chunks in order, gathered into about 1 MiB writes. */
async function writeChunks(
  handle: FileHandle,
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  let pending: string[] = [];
  let pendingChars = 0;
  const iterator =
    Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new ContentFailure(error);
    }
    if (next.done === true) break;
    const chunk = next.value;
    pending.push(chunk);
    pendingChars += chunk.length;
    if (pendingChars >= CHUNK_CHARS) {
      await handle.writeFile(pending.join(''));
      pending = [];
      pendingChars = 0;
    }
  }
  if (pending.length > 0) await handle.writeFile(pending.join(''));
}
