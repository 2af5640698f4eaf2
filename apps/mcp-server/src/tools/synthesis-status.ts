import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { findRun } from '../jobs/find-run.js';
import {
  describeJob,
  describeStatus,
  jobStatusShape,
  statusOfJob,
  statusOnDisk,
} from '../jobs/job-status.js';
import type { SynthesisJob } from '../jobs/synthesis-job.js';
import { createProgressReporter, type ProgressChannel } from '../progress-reporter.js';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolSuccess } from '../tool-result.js';

/** Tool name. */
export const SYNTHESIS_STATUS = 'synthesis_status';

/** Longest `wait_seconds`: well under the tool timeouts hosts use. */
const MAX_WAIT_SECONDS = 50;

const inputSchema = strictArguments({
  output_path: z.string().describe('The output file of the run (the path synthesize_data answered with).'),
  wait_seconds: z
    .number()
    .min(0)
    .max(MAX_WAIT_SECONDS)
    .default(0)
    .describe(
      `Wait up to this long for a running job to end before answering (0–${MAX_WAIT_SECONDS}; progress notifications meanwhile). Default 0: answer at once.`,
    ),
});

/**
 * `synthesis_status`: where a run is — records, rejects, tokens, dollars so far and projected, time
 * left, and running / done / stopped with the reason and the call that resumes it. Answers for jobs
 * of this server and, from the run's files, for runs whose server process ended (a restart) or that
 * another process is writing.
 */
export function registerSynthesisStatusTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    SYNTHESIS_STATUS,
    {
      title: 'Follow a synthesis job',
      description:
        'Reports a synthesize_data run by its output path: state (starting, running, stopping, done, stopped), records accepted of the target, rejects, duplicates, tokens, USD so far and projected, time left, why it stopped and the call that resumes it (resume: true). Works after a server restart too: a run whose server ended is reported as stopped and resumable. Reads files only.',
      inputSchema,
      outputSchema: jobStatusShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardTool(context, (args, extra) => reportStatus(args, extra, context)),
  );
}

async function reportStatus(
  args: z.infer<typeof inputSchema>,
  extra: ProgressChannel & { signal: AbortSignal },
  context: ToolContext,
): Promise<CallToolResult> {
  const run = await findRun(context, args.output_path);
  if (run.job) {
    if (args.wait_seconds > 0) await waitForEnd(run.job, args.wait_seconds * 1000, extra);
    const status = statusOfJob(run.job);
    return toolSuccess(status, describeJob(run.job, status));
  }
  const status = statusOnDisk(run.output, run.handle, run.disk, run.inputs);
  return toolSuccess(status, describeStatus(status));
}

/** Waits for the job to end, sending the call's progress notifications meanwhile. */
async function waitForEnd(
  job: SynthesisJob,
  ms: number,
  extra: ProgressChannel & { signal: AbortSignal },
): Promise<void> {
  if (job.phase === 'ended') return;
  const progress = createProgressReporter(extra, { total: job.plan.target });
  // The first notification says where the run is now; later ones follow its events.
  if (job.progress) progress.report({ type: 'progress', progress: job.progress });
  else progress.note(describeStatus(statusOfJob(job)));
  const unsubscribe = job.subscribe((event) => progress.report(event));
  try {
    await job.endedWithin(ms, extra.signal);
  } finally {
    unsubscribe();
    progress.close();
  }
}
