import fs from 'node:fs';
import path from 'node:path';
import { ToolError } from './tool-error.js';

/** Resolves tool arguments to paths and refuses every path that leaves the server's root. */
export interface PathPolicy {
  /** The root as its real path (symlinks resolved). */
  readonly root: string;
  /**
   * A file or folder to read. Relative paths resolve against the root; absolute paths must lie
   * inside it; a symlink (or a symlinked parent) whose real path leaves the root is refused.
   * Returns the real path (a path that does not exist keeps its missing tail, so the reader
   * reports it as missing).
   */
  resolveInput(requested: string, argument: string): string;
  /**
   * A file to write (it may not exist yet). Same rules as inputs; for a file that does not exist,
   * the deepest existing ancestor must really be inside the root.
   */
  resolveOutput(requested: string, argument: string): string;
}

/**
 * Creates the path policy of a server rooted at `root` (which must be an existing folder).
 * Both the root as given and its real path are accepted as prefixes of absolute paths, so a root
 * reached through a symlink (macOS `/tmp`) works either way.
 */
export function createPathPolicy(root: string): PathPolicy {
  const givenRoot = path.resolve(root);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync.native(givenRoot);
  } catch {
    throw new Error(`The root folder ${givenRoot} does not exist.`);
  }
  if (!fs.statSync(realRoot).isDirectory()) throw new Error(`The root ${givenRoot} is not a folder.`);

  const refusal = (requested: string, argument: string, why: string): ToolError =>
    new ToolError(
      'path_refused',
      `${argument} '${requested}' ${why}: refused. Use a path inside ${realRoot} (start the server with --root or DATASYNTH_ROOT to serve another folder).`,
    );

  const resolve = (requested: string, argument: string): string => {
    if (typeof requested !== 'string' || requested.trim() === '') {
      throw new ToolError('invalid_arguments', `${argument} is empty: give a path inside ${realRoot}.`);
    }
    if (requested.includes('\0'))
      throw new ToolError('invalid_arguments', `${argument} contains a NUL byte.`);
    const candidate = path.isAbsolute(requested)
      ? path.resolve(requested)
      : path.resolve(realRoot, requested);
    const rebased = rebase(candidate, givenRoot, realRoot);
    if (rebased === undefined) throw refusal(requested, argument, 'is outside the server root');
    const real = realPathOfDeepestAncestor(rebased);
    if (real === undefined)
      throw refusal(requested, argument, 'cannot be resolved (a broken or looping symlink)');
    if (!isInside(real, realRoot))
      throw refusal(requested, argument, 'leads outside the server root through a symlink');
    return real;
  };

  return {
    root: realRoot,
    resolveInput: resolve,
    resolveOutput: resolve,
  };
}

/** `candidate` re-expressed under the real root, or undefined when it is under neither root form. */
function rebase(candidate: string, givenRoot: string, realRoot: string): string | undefined {
  if (isInside(candidate, realRoot)) return candidate;
  if (isInside(candidate, givenRoot)) return path.join(realRoot, path.relative(givenRoot, candidate));
  return undefined;
}

function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The real path of `target` when it exists; otherwise the real path of its deepest existing
 * ancestor joined with the rest. Undefined when an existing entry on the way cannot be resolved
 * (a dangling or looping symlink): writing through it could land anywhere.
 */
function realPathOfDeepestAncestor(target: string): string | undefined {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    let exists = true;
    try {
      fs.lstatSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
      exists = false;
    }
    if (exists) {
      try {
        return path.join(fs.realpathSync.native(current), ...rest.reverse());
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    rest.push(path.basename(current));
    current = parent;
  }
}
