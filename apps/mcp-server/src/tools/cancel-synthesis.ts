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
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { ToolError } from '../tool-error.js';
import { guardTool, toolSuccess } from '../tool-result.js';

/** Tool name. */
export const CANCEL_SYNTHESIS = 'cancel_synthesis';

/** How long the answer waits for the run to save and stop; past it, it answers `stopping`. */
const STOP_WAIT_MS = 2_000;

const inputSchema = strictArguments({
  output_path: z
    .string()
    .describe('The output file of the job to stop (the path synthesize_data answered with).'),
});

/**
 * `cancel_synthesis`: stops a job of this server. No new calls are sent, calls in flight get a
 * grace period, the journal is saved; the run stays resumable with `resume: true`.
 */
export function registerCancelSynthesisTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    CANCEL_SYNTHESIS,
    {
      title: 'Stop a synthesis job',
      description:
        'Stops the synthesize_data job writing output_path: no new model calls, calls in flight finish or are abandoned after a short grace period, and everything accepted so far stays saved. Answers with the status (stopping or stopped); synthesize_data with resume: true continues the run later.',
      inputSchema,
      outputSchema: jobStatusShape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    guardTool(context, (args) => cancel(args, context)),
  );
}

async function cancel(args: z.infer<typeof inputSchema>, context: ToolContext): Promise<CallToolResult> {
  const run = await findRun(context, args.output_path);
  if (run.job) {
    run.job.cancel();
    await run.job.endedWithin(STOP_WAIT_MS);
    const status = statusOfJob(run.job);
    return toolSuccess(status, describeJob(run.job, status));
  }
  if (run.disk.writer) {
    throw new ToolError(
      'busy',
      `Process ${run.disk.writer.pid} is writing ${run.output}, not this server: stop it where it runs (Ctrl-C for a datasynth CLI run); it stays resumable.`,
    );
  }
  const status = statusOnDisk(run.output, run.handle, run.disk, run.inputs);
  return toolSuccess(status, `Nothing to stop: ${describeStatus(status)}`);
}
