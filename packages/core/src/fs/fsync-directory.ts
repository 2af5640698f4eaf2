import { open } from 'node:fs/promises';

/**
 * Makes a directory's entries (a rename, a new file) durable. Some platforms (Windows) cannot
 * open or fsync a directory; there the rename is as durable as the OS makes it, so that is not an error.
 */
export async function fsyncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}
