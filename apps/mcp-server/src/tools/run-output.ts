import { journalPaths } from '@datasynth/core';
import type { PathPolicy } from '../path-policy.js';
import { ToolError } from '../tool-error.js';

/**
 * The output file of a run, checked against the root together with the files core keeps for it in its
 * hidden bookkeeping folder (journal, rejects, state, lock), so none of them can be a symlink out of the
 * root. `requested` comes from the `output_path` argument; `fallback` is the inputs' default
 * (a DataRecipe folder's `11_合成数据/synthetic.json`).
 */
export function resolveRunOutput(
  policy: PathPolicy,
  requested: string | undefined,
  fallback: string | undefined,
): string {
  const chosen = requested ?? fallback;
  if (chosen === undefined) {
    throw new ToolError(
      'invalid_arguments',
      'Say where to save the records: output_path is needed when the inputs are schema_path/seeds_path.',
    );
  }
  const output = policy.resolveOutput(chosen, requested === undefined ? 'default output' : 'output_path');
  const siblings = journalPaths(output);
  for (const sibling of [siblings.journal, siblings.rejects, siblings.state, siblings.lock]) {
    policy.resolveOutput(sibling, 'run file');
  }
  return output;
}
