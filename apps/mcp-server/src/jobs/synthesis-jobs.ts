import { ToolError } from '../tool-error.js';
import type { SynthesisJob } from './synthesis-job.js';

/**
 * The synthesis jobs of this server process, by output file. A job stays listed after it ends, so
 * `synthesis_status` can still answer with its result; a new job on the same output replaces it.
 */
export class SynthesisJobs {
  readonly #jobs = new Map<string, SynthesisJob>();

  /** The latest job on `output` in this process, if any. */
  get(output: string): SynthesisJob | undefined {
    return this.#jobs.get(output);
  }

  /** Refuses a second job on an output whose job is still generating (one that is stopping may be waited for). */
  refuseWhileRunning(output: string): void {
    const job = this.#jobs.get(output);
    if (job && (job.phase === 'starting' || job.phase === 'running')) {
      throw new ToolError(
        'busy',
        `A synthesis job is writing ${output} right now: follow it with synthesis_status, or stop it with cancel_synthesis and then call synthesize_data with resume: true.`,
      );
    }
  }

  /** Lists `job` under its output, replacing an ended one. */
  add(job: SynthesisJob): void {
    this.#jobs.set(job.plan.output, job);
  }

  /** Removes `job` if it is still the one listed (a job that never started is not worth keeping). */
  remove(job: SynthesisJob): void {
    if (this.#jobs.get(job.plan.output) === job) this.#jobs.delete(job.plan.output);
  }
}
