import path from 'node:path';
import {
  DataSynthesizer,
  estimateSynthesis,
  loadInputs,
  loadRunReport,
  SynthesisError,
  type SynthesisInputs,
} from '@datasynth/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { confirmCost, describeEstimate, type RunEstimateShown } from '../jobs/confirm-cost.js';
import { expectedDurationSeconds } from '../jobs/expected-duration.js';
import { SynthesisJob } from '../jobs/synthesis-job.js';
import { resolveModelSettings } from '../model-settings.js';
import { createProgressReporter, type ProgressChannel } from '../progress-reporter.js';
import { describeRunResult, isFailedRun, runResultShape, toRunResult } from '../run-result.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolFailure, toolSuccess } from '../tool-result.js';
import { toInputLimit } from './input-limit-argument.js';
import { resolveInputSource } from './input-source-arguments.js';
import { resolveRunOutput } from './run-output.js';
import {
  resumeArguments,
  type SynthesizeDataArguments,
  synthesizeDataArguments,
  toSynthesisConfig,
} from './synthesize-data-arguments.js';

/** Tool name, as in the original DataSynth server. */
export const SYNTHESIZE_DATA = 'synthesize_data';

const outputSchema = z
  .object(runResultShape)
  .partial()
  .extend({
    state: z
      .enum(['running', 'done', 'stopped', 'not_started'])
      .describe(
        'running: the run goes on as a job (follow it with synthesis_status); done / stopped: it ended within this call (the run figures are set); not_started: the user declined the estimate.',
      ),
    output_path: z.string().describe('The output file; also the handle of the job.'),
    estimate: z
      .object({
        count: z.number().int().describe('Records still to make.'),
        cost_usd: z.number().optional().describe('Absent for a model without a known price.'),
        seconds: z.number().optional().describe('A planning figure; absent for batch-API runs.'),
      })
      .optional(),
    next_step: z
      .object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()) })
      .optional()
      .describe('The call to make next.'),
  });

/**
 * `synthesize_data`: calls the model through core until `count` valid, unique records are saved.
 * A run expected to take longer than the server's reply bound (or still going when it passes)
 * continues as a job in the server process, and the call answers with its handle: the output path.
 */
export function registerSynthesizeDataTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    SYNTHESIZE_DATA,
    {
      title: 'Generate records with an LLM API',
      description:
        'Generates `count` valid, deduplicated records by calling the model API directly (needs ANTHROPIC_API_KEY or OPENAI_API_KEY in the server environment, or base_url for a local server). Answers within seconds: a longer run continues as a job in the server, keyed by its output path, with its cost estimate — follow it with synthesis_status, stop it with cancel_synthesis; a stopped run is continued with resume: true. Without a key, use prepare_synthesis and parse_synthesis_result instead. Inputs: analysis_dir (DataRecipe folder) or schema_path and/or seeds_path.',
      inputSchema: synthesizeDataArguments,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    guardTool(context, async (args, extra) => {
      try {
        return await synthesize(args, extra, context, server);
      } catch (error) {
        throw inToolTerms(error);
      }
    }),
  );
}

async function synthesize(
  args: SynthesizeDataArguments,
  extra: ProgressChannel & { signal: AbortSignal },
  context: ToolContext,
  server: McpServer,
): Promise<CallToolResult> {
  const calledAt = Date.now();
  const settings = resolveModelSettings(args, context.env);
  const holdout = args.holdout_paths?.map((file) => context.policy.resolveInput(file, 'holdout_paths'));
  const judgeGold =
    args.judge_gold_path === undefined
      ? undefined
      : context.policy.resolveInput(args.judge_gold_path, 'judge_gold_path');
  const synthesizer = new DataSynthesizer(
    {
      ...toSynthesisConfig(args, settings),
      ...(holdout && { holdout }),
      ...(judgeGold !== undefined && { judgeGold }),
    },
    { ...(settings.apiKey && { apiKey: settings.apiKey }) },
  );
  const source = resolveInputSource(args, context.policy, { required: true });
  // Fails fast without a key, before any file is read or written.
  synthesizer.model();
  const inputs = loadInputs(source, toInputLimit(args));
  const output = resolveRunOutput(context.policy, args.output_path, inputs.defaultOutput);
  context.jobs.refuseWhileRunning(output);
  const estimate = await estimateRemaining(synthesizer, inputs, output, args.resume);
  const progress = createProgressReporter(extra, { total: args.count });
  try {
    progress.note(describeEstimate(estimate));
    const decision = await confirmCost({
      server: server.server,
      estimate,
      thresholdUsd: context.confirmAboveUsd,
      maxCost: args.max_cost,
      signal: extra.signal,
    });
    const estimateFigures = {
      count: estimate.count,
      ...(estimate.costUsd !== undefined && { cost_usd: estimate.costUsd }),
      ...(estimate.seconds !== undefined && { seconds: estimate.seconds }),
    };
    if (decision.kind === 'declined') {
      return toolSuccess(
        { state: 'not_started', output_path: output, estimate: estimateFigures },
        `Not started: the user declined. ${describeEstimate(estimate)} Nothing was spent or written. Call again with a max_cost cap, or fewer records, to go ahead.`,
      );
    }

    const handle = path.relative(context.policy.root, output);
    const cancel = new AbortController();
    const release = await context.outputs.acquire(output, AbortSignal.any([cancel.signal, context.shutdown]));
    const job = new SynthesisJob(
      {
        output,
        handle,
        target: args.count,
        estimatedCost: estimate.costUsd,
        expectedSeconds: estimate.seconds,
        resumeArguments: resumeArguments(args, handle),
      },
      (signal, onEvent) =>
        synthesizer.synthesize({
          inputs,
          output,
          resume: args.resume,
          overwrite: args.overwrite,
          signal,
          onEvent,
        }),
      { cancel, shutdown: context.shutdown },
    );
    void job.settled.finally(release);
    context.jobs.add(job);
    // While this call waits, cancelling it cancels the run, and the run's events are its progress.
    const unsubscribe = job.subscribe((event) => progress.report(event));
    const cancelWithCall = () => job.cancel();
    extra.signal.addEventListener('abort', cancelWithCall, { once: true });
    if (extra.signal.aborted) job.cancel();
    try {
      await job.started;
      if (job.failed) {
        // Refused in its preflight (an existing output, a lock, another schema): no job to follow.
        context.jobs.remove(job);
        throw job.error;
      }
      const expectedMs = estimate.seconds === undefined ? Number.POSITIVE_INFINITY : estimate.seconds * 1000;
      if (expectedMs <= context.replyWithinMs) {
        await job.endedWithin(calledAt + context.replyWithinMs - Date.now());
      }
    } finally {
      extra.signal.removeEventListener('abort', cancelWithCall);
      unsubscribe();
    }
    const result = job.result;
    if (result) {
      const structured = {
        state: result.stoppedBecause === 'done' ? 'done' : 'stopped',
        estimate: estimateFigures,
        ...toRunResult(result),
      };
      return isFailedRun(result)
        ? toolFailure(describeRunResult(result), structured)
        : toolSuccess(structured, describeRunResult(result));
    }
    if (job.failed) throw job.error;
    return toolSuccess(
      {
        state: 'running',
        output_path: output,
        target_count: args.count,
        estimate: estimateFigures,
        next_step: {
          tool: 'synthesis_status',
          arguments: { output_path: job.plan.handle },
        },
      },
      describeJobStarted(estimate, job, decision.kind === 'confirmed'),
    );
  } finally {
    progress.close();
  }
}

/**
 * The estimate shown before spending: for the records still to make (a resume counts what the run
 * state says is saved), with the duration at typical speeds.
 */
async function estimateRemaining(
  synthesizer: DataSynthesizer,
  inputs: SynthesisInputs,
  output: string,
  resume: boolean,
): Promise<RunEstimateShown> {
  const config = synthesizer.config;
  const saved = resume ? ((await loadRunReport(output))?.accepted ?? 0) : 0;
  const count = Math.max(0, config.targetCount - saved);
  const estimate = estimateSynthesis({ ...config, targetCount: count }, inputs);
  return {
    count,
    model: config.model,
    output,
    costUsd: estimate.cost.chosen,
    seconds: expectedDurationSeconds(estimate, {
      concurrency: config.concurrency,
      batchApi: config.batchApi,
    }),
  };
}

function describeJobStarted(estimate: RunEstimateShown, job: SynthesisJob, confirmed: boolean): string {
  const handle = JSON.stringify(job.plan.handle);
  return [
    describeEstimate(estimate),
    confirmed ? 'The user confirmed it.' : '',
    `Started a job writing ${job.plan.output} (${job.alreadyAccepted} of ${job.plan.target} records already saved); it runs in the server, so this call returns now.`,
    `Follow it with synthesis_status { "output_path": ${handle} } (add "wait_seconds" to wait for changes); stop it with cancel_synthesis { "output_path": ${handle} } (it stays resumable with resume: true).`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Core's messages speak of settings (`resume`, `overwrite`, `batchApi`); say how to set them with this
 * tool (`resume: true`). A missing key leads into the interactive flow, which needs none.
 */
function inToolTerms(error: unknown): unknown {
  if (!SynthesisError.isInstance(error)) return error;
  const hints: Partial<Record<SynthesisError['code'], string>> = {
    no_api_key:
      'Interactive flow, no key needed: call prepare_synthesis with the same inputs, write the records it asks for, then call parse_synthesis_result with your reply.',
    exists: 'With this tool: call again with resume: true to continue it, or overwrite: true to replace it.',
    schema_mismatch: 'With this tool: overwrite: true starts over.',
  };
  const settings = Object.entries(error.settings ?? {});
  const hint =
    hints[error.code] ??
    (settings.length > 0
      ? `With this tool: ${settings.map(([setting, value]) => `${toArgumentName(setting)}: ${value}`).join(' or ')}.`
      : undefined);
  if (hint === undefined) return error;
  return new SynthesisError(error.code, `${error.message} ${hint}`, {
    ...(error.path !== undefined && { path: error.path }),
  });
}

/** A setting's name as this tool's argument (`batchApi` → `batch_api`). */
function toArgumentName(setting: string): string {
  return setting.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
