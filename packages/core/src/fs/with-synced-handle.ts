import { type FileHandle, open } from 'node:fs/promises';

/**
 * Opens `file` with `flags`, lets `change` write through the handle, then fsyncs and closes it (the
 * handle is closed whatever happens).
 */
export async function withSyncedHandle(
  file: string,
  flags: string,
  change: (handle: FileHandle) => Promise<unknown>,
): Promise<void> {
  const handle = await open(file, flags);
  try {
    await change(handle);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
