import { readFile } from 'node:fs/promises';
import { describeIoError, FileError } from './file-error.js';

/**
 * The text of `file`, or undefined when there is no such file. Any other failure is a `FileError`
 * `io` naming the file as `what` (e.g. "the state file").
 */
export async function readTextIfExists(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileError('io', file, `Could not read ${what} ${file}: ${describeIoError(error)}.`, {
      cause: error,
    });
  }
}
