import fs from 'node:fs';
import path from 'node:path';

/** Where a path really leads: its real path, and its device and inode when it exists. */
export interface FileIdentity {
  realPath: string;
  /** `dev:ino` of what the path names (symbolic links followed); undefined when nothing is there yet. */
  inode?: string;
}

/**
 * The identity of `file`: symbolic links followed, so two names of one file (a link, a hard link,
 * `./x` and `/abs/x`) compare equal by real path or by device and inode. For a path that does not
 * exist yet, the real path of its nearest existing folder plus the rest.
 */
export function fileIdentity(file: string): FileIdentity {
  const absolute = path.resolve(file);
  try {
    const stats = fs.statSync(absolute);
    return { realPath: fs.realpathSync(absolute), inode: `${stats.dev}:${stats.ino}` };
  } catch {
    return { realPath: realPathOfMissing(absolute) };
  }
}

/** Whether two identities name the same file. */
export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.inode !== undefined && a.inode === b.inode) return true;
  return a.realPath === b.realPath;
}

/** The real path of the nearest existing ancestor of `absolute`, joined with what is missing below it. */
export function realPathOfMissing(absolute: string): string {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
