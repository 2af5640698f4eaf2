import { lstat } from 'node:fs/promises';

/**
 * Whether anything (file, directory, link — dangling or not) is at `file`. Only "no such file"
 * means no; any other failure (permissions, I/O) is thrown as `toError(cause)`, so a caller never
 * takes an unreadable path for a free one.
 */
export async function pathExists(file: string, toError: (cause: unknown) => Error): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw toError(cause);
  }
}
