import {
  DataSynthesizer,
  loadInputs,
  OUTPUT_FORMATS,
  SynthesisError,
  type SynthesisResult,
} from '@datasynth/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { formatUsd } from '../format-usd.js';
import { resolveModelSettings } from '../model-settings.js';
import { createProgressReporter, type ProgressChannel } from '../progress-reporter.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolFailure, toolSuccess } from '../tool-result.js';
import { dataTypeArgument, diversityArgument, languageArgument, toDataType } from './generation-arguments.js';
import { inputSourceShape, resolveInputSource } from './input-source-arguments.js';
import { resolveRunOutput } from './run-output.js';

/** Tool name, as in the original DataSynth server. */
export const SYNTHESIZE_DATA = 'synthesize_data';

const inputSchema = {
  ...inputSourceShape,
  output_path: z
    .string()
    .optional()
    .describe(
      'Output file. Default for analysis_dir: 11_合成数据/synthetic.json in the folder; required otherwise.',
    ),
  count: z.number().int().min(1).default(100).describe('Valid, unique records to produce (default 100).'),
  model: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Model id, e.g. claude-sonnet-4-6, gpt-5-mini, ollama:llama3.1 (default: Claude, or GPT when only OPENAI_API_KEY is set).',
    ),
  provider: z
    .enum(['anthropic', 'openai', 'openai-compatible'])
    .optional()
    .describe('Provider; inferred from the model id when omitted.'),
  base_url: z
    .url()
    .optional()
    .describe('API base URL: a local OpenAI-compatible server (Ollama, vLLM) or a proxy.'),
  format: z
    .enum(OUTPUT_FORMATS)
    .optional()
    .describe(
      'Output format: json (DataRecipe envelope), jsonl, alpaca, sharegpt or openai (default from the file name).',
    ),
  data_type: dataTypeArgument,
  language: languageArgument,
  diversity: diversityArgument,
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature (default 0.8).'),
  batch_size: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Records asked for per call (default 10).'),
  max_cost: z
    .number()
    .positive()
    .optional()
    .describe('Spending cap in USD: the run stops before a call could exceed it (resume with a higher cap).'),
  batch_api: z
    .boolean()
    .default(false)
    .describe(
      "Send the calls through the provider's batch API (Anthropic, OpenAI): half price, but answers can take up to 24 h. The batch ids are saved first: if this call is cancelled or times out, call again with resume: true to collect the batches instead of paying twice.",
    ),
  batch_top_up: z
    .enum(['online', 'batch'])
    .optional()
    .describe(
      'With batch_api, how a shortfall (rejects, duplicates, failed or expired requests) is made up: online calls (default) or another batch.',
    ),
  judge_model: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Score accepted records with this (usually cheaper) model against the schema's scoring_rubric; records below judge_threshold go to the rejects file. Same key and base URL rules as the main model.",
    ),
  judge_threshold: z
    .number()
    .finite()
    .optional()
    .describe(
      "Keep records the judge scores at least this (default: the middle of the rubric's scale). Turns the judge on, with the run's model unless judge_model names one.",
    ),
  steer: z
    .boolean()
    .default(false)
    .describe(
      'Diversity steering: ask each batch for specific values of every enum field (towards an even split) and tell the model what recent duplicates were about.',
    ),
  topics: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Topics assigned round-robin across batches, to spread the records over them.'),
  holdout_paths: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'Held-out or evaluation record files (JSONL, JSON array or DataRecipe samples), relative to the server root: the output is checked against them, and every generated record that copies one, nearly copies one, or shares 13 consecutive words (20 CJK characters) with one is named in a warning.',
    ),
  stats_html: z
    .boolean()
    .default(false)
    .describe(
      'Also write <output>.stats.json and <output>.stats.html (one self-contained HTML report with charts).',
    ),
  resume: z.boolean().default(false).describe('Continue an interrupted or stopped run in output_path.'),
  overwrite: z.boolean().default(false).describe('Replace an existing output instead of refusing.'),
};

const outputSchema = {
  stopped_because: z
    .enum(['done', 'budget', 'cancelled', 'quota', 'error', 'max-attempts'])
    .describe('Why the run ended; anything but done can be resumed.'),
  stop_message: z.string().nullable(),
  generated_count: z.number().int().describe('Records in the output (including those from before a resume).'),
  target_count: z.number().int(),
  new_count: z.number().int().describe('Records accepted by this call.'),
  rejected_count: z.number().int(),
  rejected_by_reason: z.record(z.string(), z.number()),
  duplicates: z.object({ exact: z.number().int(), near: z.number().int() }),
  failed_requests: z.number().int(),
  requests: z.number().int(),
  usage: z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    cache_read_tokens: z.number(),
    cache_write_tokens: z.number(),
  }),
  actual_cost_usd: z
    .number()
    .nullable()
    .describe('Spent by this call; null for a model without a known price.'),
  estimated_cost_usd: z.number().nullable(),
  duration_ms: z.number(),
  model: z.string(),
  provider: z.string(),
  output_path: z.string(),
  output_format: z.string(),
  rejects_path: z.string(),
  journal_path: z.string(),
  state_path: z.string(),
  stats_path: z.string().nullable().describe('The stats JSON, when stats_html was asked for.'),
  stats_html_path: z.string().nullable().describe('The HTML report, when stats_html was asked for.'),
  funnel: z
    .object({
      requested: z.number().int(),
      parsed: z.number().int(),
      valid: z.number().int(),
      unique: z.number().int(),
      judged: z.number().int(),
    })
    .describe('Yield funnel: records requested → parsed → valid → unique → kept by the judge.'),
  warnings: z.array(z.string()),
};

/**
 * `synthesize_data`: calls the model through core until `count` valid, unique records are saved.
 * Sends progress notifications when the client asks for them, stops (resumably) on cancellation,
 * and answers a missing key with the way into the interactive flow.
 */
export function registerSynthesizeDataTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    SYNTHESIZE_DATA,
    {
      title: 'Generate records with an LLM API',
      description:
        'Generates `count` valid, deduplicated records by calling the model API directly (needs ANTHROPIC_API_KEY or OPENAI_API_KEY in the server environment, or base_url for a local server). Long runs report progress (send a progress token) and can be cancelled; a cancelled or stopped run is continued with resume: true. Without a key, use prepare_synthesis and parse_synthesis_result instead. Inputs: analysis_dir (DataRecipe folder) or schema_path and/or seeds_path.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    guardTool(context, async (args, extra) => {
      try {
        return await synthesize(args, extra, context);
      } catch (error) {
        throw inToolTerms(error);
      }
    }),
  );
}

async function synthesize(
  args: z.infer<z.ZodObject<typeof inputSchema>>,
  extra: ProgressChannel & { signal: AbortSignal },
  context: ToolContext,
): Promise<CallToolResult> {
  const source = resolveInputSource(args, context.policy, { required: true });
  const settings = resolveModelSettings(args, context.env);
  const holdout = args.holdout_paths?.map((file) => context.policy.resolveInput(file, 'holdout_paths'));
  const dataType = toDataType(args.data_type);
  const synthesizer = new DataSynthesizer(
    {
      targetCount: args.count,
      model: settings.model,
      ...(settings.provider && { provider: settings.provider }),
      ...(settings.baseURL && { baseURL: settings.baseURL }),
      ...(args.temperature !== undefined && { temperature: args.temperature }),
      ...(args.batch_size !== undefined && { batchSize: args.batch_size }),
      ...(args.max_cost !== undefined && { maxCost: args.max_cost }),
      ...(args.format && { outputFormat: args.format }),
      ...(dataType && { dataType }),
      ...(args.language && { language: args.language }),
      ...(args.diversity !== undefined && { diversity: args.diversity }),
      ...(args.batch_api && { batchApi: true }),
      ...(args.batch_top_up && { batchTopUp: args.batch_top_up }),
      ...((args.judge_model !== undefined || args.judge_threshold !== undefined) && {
        judge: {
          ...(args.judge_model !== undefined && { model: args.judge_model }),
          ...(args.judge_threshold !== undefined && { threshold: args.judge_threshold }),
        },
      }),
      ...((args.steer || args.topics) && {
        steering: {
          balanceEnums: args.steer,
          avoidRecent: args.steer,
          ...(args.topics && { topics: args.topics }),
        },
      }),
      ...(holdout && { holdout }),
      ...(args.stats_html && { stats: true, statsHtml: true }),
    },
    { ...(settings.apiKey && { apiKey: settings.apiKey }) },
  );
  // Fails fast without a key, before any file is read or written.
  synthesizer.model();
  const inputs = loadInputs(source);
  const output = resolveRunOutput(context.policy, args.output_path, inputs.defaultOutput);
  const signal = AbortSignal.any([extra.signal, context.shutdown]);
  const release = await context.outputs.acquire(output, signal);
  let result: SynthesisResult;
  try {
    result = await synthesizer.synthesize({
      inputs,
      output,
      resume: args.resume,
      overwrite: args.overwrite,
      signal,
      onEvent: createProgressReporter(extra),
    });
  } finally {
    release();
  }
  const structured = toStructured(result);
  const summary = describeResult(result);
  if (
    result.stoppedBecause === 'error' ||
    result.stoppedBecause === 'quota' ||
    result.stoppedBecause === 'max-attempts'
  ) {
    return toolFailure(summary, structured);
  }
  return toolSuccess(structured, summary);
}

/**
 * Core's messages are the CLI's; where they name a CLI flag or mode, add what to do with this
 * tool: a missing key leads into the interactive flow, which needs none.
 */
function inToolTerms(error: unknown): unknown {
  if (!SynthesisError.isInstance(error)) return error;
  const hints: Partial<Record<SynthesisError['code'], string>> = {
    no_api_key:
      'Interactive flow, no key needed: call prepare_synthesis with the same inputs, write the records it asks for, then call parse_synthesis_result with your reply.',
    exists: 'With this tool: call again with resume: true to continue it, or overwrite: true to replace it.',
    schema_mismatch: 'With this tool: overwrite: true starts over.',
  };
  const hint = hints[error.code];
  if (hint === undefined) return error;
  return new SynthesisError(error.code, `${error.message} ${hint}`, {
    ...(error.path !== undefined && { path: error.path }),
  });
}

function toStructured(result: SynthesisResult): Record<string, unknown> {
  return {
    stopped_because: result.stoppedBecause,
    stop_message: result.stopMessage ?? null,
    generated_count: result.generatedCount,
    target_count: result.targetCount,
    new_count: result.newCount,
    rejected_count: result.rejectedCount,
    rejected_by_reason: result.rejectedByReason,
    duplicates: result.duplicates,
    failed_requests: result.failedRequests,
    requests: result.requests,
    usage: {
      input_tokens: result.usage.inputTokens,
      output_tokens: result.usage.outputTokens,
      cache_read_tokens: result.usage.cacheReadTokens,
      cache_write_tokens: result.usage.cacheWriteTokens,
    },
    actual_cost_usd: result.actualCost ?? null,
    estimated_cost_usd: result.estimatedCost ?? null,
    duration_ms: result.durationMs,
    model: result.model,
    provider: result.provider,
    output_path: result.outputPath,
    output_format: result.outputFormat,
    rejects_path: result.rejectsPath,
    journal_path: result.journalPath,
    state_path: result.statePath,
    stats_path: result.statsPath ?? null,
    stats_html_path: result.statsHtmlPath ?? null,
    funnel: result.funnel,
    warnings: result.warnings,
  };
}

function describeResult(result: SynthesisResult): string {
  const tokens =
    result.usage.inputTokens +
    result.usage.outputTokens +
    result.usage.cacheReadTokens +
    result.usage.cacheWriteTokens;
  const duplicates = result.duplicates.exact + result.duplicates.near;
  const cost =
    result.actualCost === undefined ? 'cost unknown (unpriced model)' : formatUsd(result.actualCost);
  const estimate =
    result.estimatedCost === undefined ? '' : ` (estimated ${formatUsd(result.estimatedCost)})`;
  const figures = `${result.rejectedCount} rejected, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}, ${result.failedRequests} failed call${result.failedRequests === 1 ? '' : 's'}, ${tokens.toLocaleString('en-US')} tokens, ${cost}${estimate}, ${(result.durationMs / 1000).toFixed(1)} s`;
  if (result.stoppedBecause === 'done') {
    return `Generated ${result.generatedCount}/${result.targetCount} records into ${result.outputPath} with ${result.model}: ${figures}.`;
  }
  return `Stopped (${result.stoppedBecause}) at ${result.generatedCount}/${result.targetCount} records in ${result.outputPath}: ${result.stopMessage ?? 'the run ended early.'} Call synthesize_data again with resume: true to continue. ${figures}.`;
}
