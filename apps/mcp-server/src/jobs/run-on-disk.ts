import fs from 'node:fs';
import os from 'node:os';
import { journalPaths, loadRunReport, type RunReport } from '@datasynth/core';
import { z } from 'zod';

/** A run as its files show it, for an output no job of this process is writing. */
export interface RunOnDisk {
  /** Counters, usage and cost from the run's state file (written after every batch). */
  report: RunReport;
  /** Another live process holding the output's lock (a CLI run, another server), if any. */
  writer?: { pid: number };
}

/** The owner fields of the lock file that tell whether its writer still runs. */
const LockOwnerSchema = z.object({ pid: z.number().int().positive(), host: z.string() });

/**
 * Reads what the run's state and lock files (`journalPaths`) say about a run: undefined when there is no
 * readable run state (no run ever wrote this output, or it is not DataSynth's).
 */
export async function readRunOnDisk(output: string): Promise<RunOnDisk | undefined> {
  const report = await loadRunReport(output);
  if (!report) return undefined;
  const writer = liveWriter(journalPaths(output).lock);
  return { report, ...(writer && { writer }) };
}

function liveWriter(lockPath: string): { pid: number } | undefined {
  let owner: z.infer<typeof LockOwnerSchema>;
  try {
    const parsed = LockOwnerSchema.safeParse(JSON.parse(fs.readFileSync(lockPath, 'utf8')));
    if (!parsed.success) return undefined;
    owner = parsed.data;
  } catch {
    return undefined;
  }
  if (owner.host !== os.hostname()) return { pid: owner.pid };
  try {
    process.kill(owner.pid, 0);
    return { pid: owner.pid };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? { pid: owner.pid } : undefined;
  }
}
