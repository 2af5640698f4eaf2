import type { TokenUsage } from '@datasynth/cost';
import { formatUsd } from '@datasynth/cost';
import { z } from 'zod';
import { formatDuration } from '../format-duration.js';
import { describeRunResult, pacingShape, runResultShape, toPacing, toRunResult } from '../run-result.js';
import { errorMessage } from '../tool-result.js';
import type { RunOnDisk } from './run-on-disk.js';
import type { SynthesisJob } from './synthesis-job.js';

const nextStepShape = z.object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()) });

/** What `synthesis_status` (and `cancel_synthesis`) answer about a run. */
export const jobStatusShape = {
  output_path: z.string().describe('The output file: the key of the job.'),
  state: z
    .enum(['starting', 'running', 'stopping', 'done', 'stopped'])
    .describe(
      'starting: preflight; running: generating; stopping: cancelled, saving; done: target reached; stopped: ended short (resumable).',
    ),
  writer: z
    .enum(['this server', 'another process', 'none'])
    .describe(
      'Who is writing the output now: a job of this server, another process (CLI, other server), or nobody.',
    ),
  accepted: z
    .number()
    .int()
    .describe('Valid, unique records saved so far (including any from before a resume).'),
  target: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.object({ exact: z.number().int(), near: z.number().int() }),
  requests: z.number().int(),
  failed_requests: z.number().int(),
  usage: z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    cache_read_tokens: z.number(),
    cache_write_tokens: z.number(),
  }),
  cost_usd: z.number().optional().describe('Spent so far (absent for a model without a known price).'),
  projected_cost_usd: z
    .number()
    .optional()
    .describe('Projected for the whole run from the cost per record so far.'),
  estimated_cost_usd: z.number().optional().describe('Estimated before the run started.'),
  eta_seconds: z.number().optional().describe('Time left at the pace so far.'),
  elapsed_seconds: z.number().optional(),
  pacing: pacingShape.optional(),
  stopped_because: z
    .enum(['done', 'budget', 'cancelled', 'quota', 'error', 'max-attempts', 'unreachable', 'interrupted'])
    .optional()
    .describe('Why the run ended; interrupted: the server process running it ended (a restart or crash).'),
  stop_message: z.string().optional(),
  resumable: z.boolean().describe('True when synthesize_data with resume: true continues the run.'),
  next_step: nextStepShape
    .optional()
    .describe(
      'The call to make next: poll synthesis_status, resume with synthesize_data, or describe the result.',
    ),
  result: z
    .object(runResultShape)
    .optional()
    .describe('The full result, when the run ended in this server (as synthesize_data returns it).'),
};

/** A run's status in the shape of {@link jobStatusShape}. */
export type JobStatus = z.infer<z.ZodObject<typeof jobStatusShape>>;

/** The status of a job of this server, from its latest progress, result or error. */
export function statusOfJob(job: SynthesisJob): JobStatus {
  const { plan } = job;
  const base = {
    output_path: plan.output,
    writer: 'this server' as const,
    ...(plan.estimatedCost !== undefined && { estimated_cost_usd: plan.estimatedCost }),
  };
  const result = job.result;
  if (result) {
    const done = result.stoppedBecause === 'done';
    return {
      ...base,
      writer: 'none',
      state: done ? 'done' : 'stopped',
      accepted: result.generatedCount,
      target: result.targetCount,
      rejected: result.rejectedCount,
      duplicates: result.duplicates,
      requests: result.requests,
      failed_requests: result.failedRequests,
      usage: usageOf(result.usage),
      ...(result.actualCost !== undefined && { cost_usd: result.actualCost }),
      elapsed_seconds: Math.round(result.durationMs / 1000),
      pacing: toPacing(result.pacing),
      stopped_because: result.stoppedBecause,
      ...(result.stopMessage !== undefined && { stop_message: toRunResult(result).stop_message ?? '' }),
      resumable: !done,
      next_step: done
        ? { tool: 'synthesis_stats', arguments: { data_path: plan.handle } }
        : resumeStep(plan.resumeArguments),
      result: toRunResult(result),
    };
  }
  const progress = job.progress;
  const figures = {
    accepted: progress?.accepted ?? job.alreadyAccepted,
    target: progress?.target ?? plan.target,
    rejected: progress?.rejected ?? 0,
    duplicates: progress?.duplicates ?? { exact: 0, near: 0 },
    requests: progress?.requests ?? 0,
    failed_requests: progress?.failedRequests ?? 0,
    usage: usageOf(progress?.usage),
    ...(progress?.cost !== undefined && { cost_usd: progress.cost }),
    ...(progress?.projectedCost !== undefined && { projected_cost_usd: progress.projectedCost }),
    elapsed_seconds: Math.round((Date.now() - job.startedAt.getTime()) / 1000),
    ...(progress && { pacing: toPacing(progress.pacing) }),
  };
  if (job.failed) {
    return {
      ...base,
      ...figures,
      writer: 'none',
      state: 'stopped',
      stopped_because: 'error',
      stop_message: errorMessage(job.error),
      resumable: true,
      next_step: resumeStep(plan.resumeArguments),
    };
  }
  const phase = job.phase === 'ended' ? 'stopping' : job.phase;
  const eta = progress?.etaMs ?? (progress ? undefined : plan.expectedSeconds && plan.expectedSeconds * 1000);
  return {
    ...base,
    ...figures,
    state: phase,
    ...(eta !== undefined && phase === 'running' && { eta_seconds: Math.max(1, Math.round(eta / 1000)) }),
    resumable: false,
    next_step: { tool: 'synthesis_status', arguments: { output_path: plan.handle } },
  };
}

/**
 * The status of a run known only from its files: written by another live process, done, or
 * stopped — by a cancel, a cap or an error (the reason is in the state), or because the process
 * running it ended without saying why (a restart or crash: `interrupted`).
 */
export function statusOnDisk(
  output: string,
  handle: string,
  disk: RunOnDisk,
  inputs: Record<string, string> = {},
): JobStatus {
  const { report } = disk;
  const figures = {
    output_path: output,
    accepted: report.accepted,
    target: report.targetCount,
    rejected: report.rejected,
    duplicates: report.duplicates,
    requests: report.requests,
    failed_requests: report.failedRequests,
    usage: usageOf(report.usage),
    ...(report.cost !== undefined && { cost_usd: report.cost }),
  };
  const resume = resumeStep({ ...inputs, output_path: handle, count: report.targetCount });
  const resumeHow = `Call synthesize_data with ${
    'analysis_dir' in inputs ? "next_step's arguments" : 'the same inputs'
  } and resume: true to continue.`;
  if (disk.writer) {
    return {
      ...figures,
      state: 'running',
      writer: 'another process',
      stop_message: `Process ${disk.writer.pid} is writing ${output} (a datasynth CLI run or another server); this server can only report it. Figures are from its last saved batch.`,
      resumable: false,
      next_step: { tool: 'synthesis_status', arguments: { output_path: handle } },
    };
  }
  if (report.stoppedBecause === 'done' && report.accepted >= report.targetCount) {
    return {
      ...figures,
      state: 'done',
      writer: 'none',
      stopped_because: 'done',
      resumable: false,
      next_step: { tool: 'synthesis_stats', arguments: { data_path: handle } },
    };
  }
  // A state still saying `done` below its target was written before a resume raised the count.
  const reason = knownStopReason(report.stoppedBecause === 'done' ? undefined : report.stoppedBecause);
  return {
    ...figures,
    state: 'stopped',
    writer: 'none',
    stopped_because: reason ?? 'interrupted',
    stop_message:
      reason === undefined
        ? `The server process running it ended (a restart or crash) before it finished; ${report.accepted} records are saved. ${resumeHow}`
        : `It stopped (${reason}) with ${report.accepted} records saved. ${resumeHow}`,
    resumable: true,
    next_step: resume,
  };
}

/** One paragraph on a job of this server: its run's own summary once it has ended, else its status. */
export function describeJob(job: SynthesisJob, status: JobStatus = statusOfJob(job)): string {
  return job.result ? describeRunResult(job.result) : describeStatus(status);
}

/** One paragraph for a status: state, figures, and the call to make next. */
export function describeStatus(status: JobStatus): string {
  const duplicates = status.duplicates.exact + status.duplicates.near;
  const tokens =
    status.usage.input_tokens +
    status.usage.output_tokens +
    status.usage.cache_read_tokens +
    status.usage.cache_write_tokens;
  const cost =
    status.cost_usd === undefined
      ? 'cost unknown'
      : `${formatUsd(status.cost_usd)} so far${
          status.projected_cost_usd === undefined
            ? ''
            : ` (projected ${formatUsd(status.projected_cost_usd)})`
        }`;
  const figures = `${status.accepted}/${status.target} records, ${status.rejected} rejected, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${tokens.toLocaleString('en-US')} tokens, ${cost}`;
  const eta = status.eta_seconds === undefined ? '' : `, about ${formatDuration(status.eta_seconds)} left`;
  switch (status.state) {
    case 'starting':
    case 'running':
      if (status.writer === 'another process')
        return `Running elsewhere: ${figures}. ${status.stop_message ?? ''}`.trim();
      return `Running: ${figures}${eta}. Call synthesis_status again to follow it, or cancel_synthesis to stop it (it stays resumable).`;
    case 'stopping':
      return `Stopping (cancelled): ${figures}; saving the journal. Call synthesis_status again; then synthesize_data with resume: true continues it.`;
    case 'done':
      return `Done: ${figures} in ${status.output_path}. Describe the records with synthesis_stats.`;
    case 'stopped':
      return `Stopped (${status.stopped_because ?? 'interrupted'}) at ${figures} in ${status.output_path}. ${status.stop_message ?? ''}`.trim();
  }
}

function resumeStep(resumeArguments: Record<string, unknown>): z.infer<typeof nextStepShape> {
  return { tool: 'synthesize_data', arguments: { ...resumeArguments, resume: true } };
}

function usageOf(usage: TokenUsage | undefined): JobStatus['usage'] {
  return {
    input_tokens: usage?.inputTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
    cache_read_tokens: usage?.cacheReadTokens ?? 0,
    cache_write_tokens: usage?.cacheWriteTokens ?? 0,
  };
}

const STOP_REASONS = [
  'done',
  'budget',
  'cancelled',
  'quota',
  'error',
  'max-attempts',
  'unreachable',
] as const;

function knownStopReason(value: string | undefined): (typeof STOP_REASONS)[number] | undefined {
  return STOP_REASONS.find((reason) => reason === value);
}
