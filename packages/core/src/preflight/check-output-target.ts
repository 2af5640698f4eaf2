import fs from 'node:fs';
import path from 'node:path';
import { describeFileKind } from '@datasynth/prompts';
import { SynthesisError } from '../errors/synthesis-error.js';
import { realPathOfMissing } from './file-identity.js';

/** Folders of the kernel's own pseudo-files: nothing written there is a file (and Node's mkdir can spin there). */
const SYSTEM_FOLDERS = ['/proc', '/sys'];

/**
 * Checks an output path before anything is written: it is a regular file or absent (never a
 * folder, device, FIFO or socket, whatever `overwrite` says), not under /proc or /sys, and its
 * folder exists or can be created in a writable folder. Returns the absolute path.
 *
 * @throws SynthesisError `invalid_input` naming the path and what to do.
 */
export function checkOutputTarget(output: string, label = 'Output'): string {
  const absolute = path.resolve(output);
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new SynthesisError(
        'invalid_input',
        `Cannot check ${label.toLowerCase()} ${absolute}: ${code ?? String(error)}.`,
        {
          path: absolute,
        },
      );
    }
  }
  if (stats?.isDirectory()) {
    throw new SynthesisError(
      'invalid_input',
      `${label} ${absolute} is a folder: give a file path, for example ${path.join(absolute, 'synthetic.json')}.`,
      { path: absolute },
    );
  }
  if (stats && !stats.isFile()) {
    throw new SynthesisError(
      'invalid_input',
      `${label} ${absolute} is ${describeFileKind(stats)}, not a regular file: give a file path (DataSynth never replaces one, even with overwrite).`,
      { path: absolute },
    );
  }
  const realPath = stats ? fs.realpathSync(absolute) : realPathOfMissing(absolute);
  const system = SYSTEM_FOLDERS.find((folder) => realPath === folder || realPath.startsWith(`${folder}/`));
  if (system !== undefined) {
    throw new SynthesisError(
      'invalid_input',
      `${label} ${absolute} is under ${system}, which holds no ordinary files: choose a path in a normal folder.`,
      { path: absolute },
    );
  }
  checkFolder(absolute, label);
  return absolute;
}

/** The output's folder must exist, or its nearest existing ancestor must be a writable folder (the rest is created). */
function checkFolder(absolute: string, label: string): void {
  let folder = path.dirname(absolute);
  for (;;) {
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(folder);
    } catch {
      stats = undefined;
    }
    if (stats !== undefined) {
      if (!stats.isDirectory()) {
        throw new SynthesisError(
          'invalid_input',
          `Cannot write ${label.toLowerCase()} ${absolute}: ${folder} is ${describeFileKind(stats)}, not a folder.`,
          { path: absolute },
        );
      }
      try {
        fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EROFS' ? 'it is on a read-only file system' : 'permission denied';
        throw new SynthesisError(
          'invalid_input',
          `Cannot write ${label.toLowerCase()} ${absolute}: the folder ${folder} is not writable (${why}).`,
          { path: absolute },
        );
      }
      return;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return;
    folder = parent;
  }
}
