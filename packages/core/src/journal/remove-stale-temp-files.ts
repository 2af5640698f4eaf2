import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessRunning } from './is-process-running.js';

/**
 * Deletes temp files `writeFileAtomic` left beside `target` when a process died between writing
 * and renaming (`<target>.tmp-<pid>-<hex>`). Only files of processes that no longer run are
 * removed, so a concurrent writer's temp file is never pulled from under it. Best effort.
 */
export async function removeStaleTempFiles(target: string): Promise<void> {
  const directory = path.dirname(target);
  const prefix = `${path.basename(target)}.tmp-`;
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessRunning(pid)) continue;
    await rm(path.join(directory, name), { force: true }).catch(() => undefined);
  }
}
