import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import type { ToolContext } from '../tool-context.js';
import { ToolError } from '../tool-error.js';
import { dataRecipeFolderOf } from '../tools/input-source-arguments.js';
import { resolveRunOutput } from '../tools/run-output.js';
import { type RunOnDisk, readRunOnDisk } from './run-on-disk.js';
import type { SynthesisJob } from './synthesis-job.js';

/** A run named by a job tool: a job of this server, or else what its files say. */
export type FoundRun = { output: string; handle: string } & (
  | { job: SynthesisJob; disk?: undefined }
  | {
      job?: undefined;
      disk: RunOnDisk;
      /** The inputs to resume with, when the files tell them (the output of a DataRecipe folder). */
      inputs?: { analysis_dir: string };
    }
);

/**
 * The run writing `outputPath` (checked against the root like any output): the job of this server
 * when there is one (unless it has ended and another process writes the output now), else the run
 * state on disk. Throws `not_found` when no run has written it.
 */
export async function findRun(context: ToolContext, outputPath: string): Promise<FoundRun> {
  const output = resolveRunOutput(context.policy, outputPath, undefined);
  const handle = path.relative(context.policy.root, output);
  const job = context.jobs.get(output);
  if (job && job.phase !== 'ended') return { output, handle, job };
  const disk = await readRunOnDisk(output);
  // An ended job answers with its own result, unless another process has taken the output since.
  if (job && !disk?.writer) return { output, handle, job };
  if (!disk) {
    throw new ToolError(
      'not_found',
      `No synthesis run has written ${output} (there is no ${journalPaths(output).state}): start one with synthesize_data.`,
    );
  }
  const folder = dataRecipeFolderOf(output);
  return {
    output,
    handle,
    disk,
    ...(folder !== undefined && {
      inputs: { analysis_dir: path.relative(context.policy.root, folder) || '.' },
    }),
  };
}
