import fs from 'node:fs';
import { checkOutputTarget } from '@datasynth/core';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';

/**
 * Writes a small text file the CLI itself produces (a prompt, a config). Refuses to replace an existing
 * file unless `overwrite`, naming `overwriteFlag`; every failure is one line naming the file.
 */
export function writeTextFile(
  file: string,
  text: string,
  options: { overwrite: boolean; overwriteFlag: string },
): void {
  // Never a folder, device, FIFO or socket, nor a path under /proc or /sys, whatever overwrite says.
  checkOutputTarget(file);
  try {
    fs.writeFileSync(file, text, { encoding: 'utf8', flag: options.overwrite ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ExitError(
        EXIT_CODES.usage,
        `${file} already exists: pass ${options.overwriteFlag} to replace it`,
      );
    }
    if (code === 'ENOENT')
      throw new ExitError(EXIT_CODES.usage, `cannot write ${file}: its folder does not exist`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ExitError(EXIT_CODES.usage, `cannot write ${file}: permission denied`);
    }
    if (code === 'EISDIR') throw new ExitError(EXIT_CODES.usage, `cannot write ${file}: it is a folder`);
    throw new ExitError(EXIT_CODES.usage, `cannot write ${file} (${code ?? (error as Error).message})`);
  }
}
