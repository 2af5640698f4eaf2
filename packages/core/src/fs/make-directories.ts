import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `directory` and its missing parents, one `mkdir` per missing level: the work is bounded
 * by the path's depth. (`mkdir(…, { recursive: true })` loops forever on a path under /proc, where
 * `mkdir` keeps answering ENOENT, and the run could not even be interrupted.)
 */
export async function makeDirectories(directory: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    try {
      const stats = await stat(current);
      if (!stats.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), { code: 'ENOTDIR' });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = path.dirname(current);
      if (parent === current) break;
      missing.push(current);
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
