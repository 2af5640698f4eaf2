import { estimateSynthesis, loadInputs, parseSynthesisConfig } from '@datasynth/core';
import { formatUsd } from '@datasynth/cost';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { formatDuration } from '../format-duration.js';
import { expectedDurationSeconds } from '../jobs/expected-duration.js';
import { defaultModel } from '../model-settings.js';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { dataTypeArgument, languageArgument, toDataType } from './generation-arguments.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';
import { inputSourceShape, resolveInputSource } from './input-source-arguments.js';
import { runSettingsShape, toRunSettings } from './run-settings-arguments.js';

/** Tool name, as in the original DataSynth server. */
export const ESTIMATE_SYNTHESIS_COST = 'estimate_synthesis_cost';

const inputSchema = strictArguments({
  count: z.number().int().min(1).default(100).describe('Records to produce (default 100).'),
  model: z.string().min(1).optional().describe('Model id (default: as synthesize_data would choose).'),
  provider: z.enum(['anthropic', 'openai', 'openai-compatible']).optional(),
  ...inputSourceShape,
  concurrency: runSettingsShape.concurrency,
  batch_size: runSettingsShape.batch_size,
  data_type: dataTypeArgument,
  language: languageArgument,
  batch_api: z
    .boolean()
    .default(false)
    .describe("Price the run through the provider's batch API (half price, slower)."),
  ...inputLimitShape,
});

const money = z.number().nullable();

const outputSchema = {
  model: z.string(),
  priced: z.boolean().describe('False when the model has no known price: costs are null.'),
  basis: z
    .enum(['prompt', 'defaults'])
    .describe(
      'prompt: tokens counted on the real prompt built for the inputs; defaults: documented typical sizes.',
    ),
  target_count: z.number().int(),
  batches: z.number().int(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_write_tokens: z.number(),
  cache_read_tokens: z.number(),
  stable_prompt_tokens: z.number(),
  varying_prompt_tokens: z.number(),
  output_tokens_per_record: z.number(),
  estimated_cost_usd: money.describe('For the chosen settings (prompt caching on; batch_api as asked).'),
  cost_usd: z.object({
    no_caching: money,
    with_caching: money,
    batch_api: money,
    batch_api_with_caching: money,
    per_record: money,
  }),
  estimated_seconds: z
    .number()
    .optional()
    .describe(
      'Expected duration at typical hosted-model speeds (a planning figure); absent for batch_api runs, which end within 24 h.',
    ),
  language: z.string().nullable(),
  data_type: z.string().nullable(),
  warnings: z.array(z.string()),
};

/**
 * `estimate_synthesis_cost`: tokens and cost of a run, from the real prompt when inputs are given
 * (else from documented defaults). Reads files only; calls no model.
 */
export function registerEstimateSynthesisCostTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    ESTIMATE_SYNTHESIS_COST,
    {
      title: 'Estimate the cost of a synthesis run',
      description:
        'Estimates batches, input/output tokens and USD cost of generating `count` records with a model, with and without prompt caching and through the batch API. Give analysis_dir or schema_path/seeds_path to count tokens on the real prompt; without inputs, typical sizes are used. Calls no model and needs no key.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardTool(context, async (args) => {
      const source = resolveInputSource(args, context.policy, { required: false });
      const dataType = toDataType(args.data_type);
      const config = parseSynthesisConfig(
        {
          targetCount: args.count,
          model: args.model ?? defaultModel(args.provider, context.env),
          ...(args.provider && { provider: args.provider }),
          ...toRunSettings(args),
          ...(dataType && { dataType }),
          ...(args.language && { language: args.language }),
        },
        'arguments',
      );
      const inputs = source === undefined ? undefined : loadInputs(source, toInputLimit(args));
      const estimate = estimateSynthesis(config, inputs, { batchApi: args.batch_api });
      const seconds = expectedDurationSeconds(estimate, {
        concurrency: config.concurrency,
        batchApi: args.batch_api,
      });
      const structured = {
        model: estimate.model,
        priced: estimate.priced,
        basis: estimate.basis,
        target_count: estimate.count,
        batches: estimate.batches,
        input_tokens: estimate.inputTokens,
        output_tokens: estimate.outputTokens,
        cache_write_tokens: estimate.cacheWriteTokens,
        cache_read_tokens: estimate.cacheReadTokens,
        stable_prompt_tokens: estimate.stablePromptTokens,
        varying_prompt_tokens: estimate.varyingPromptTokens,
        output_tokens_per_record: estimate.outputTokensPerRecord,
        estimated_cost_usd: estimate.cost.chosen ?? null,
        cost_usd: {
          no_caching: estimate.cost.noCaching ?? null,
          with_caching: estimate.cost.withCaching ?? null,
          batch_api: estimate.cost.batchApi ?? null,
          batch_api_with_caching: estimate.cost.batchApiWithCaching ?? null,
          per_record: estimate.cost.perRecord ?? null,
        },
        ...(seconds !== undefined && { estimated_seconds: seconds }),
        language: estimate.language ?? null,
        data_type: estimate.dataType ?? null,
        warnings: [...(inputs?.warnings ?? []), ...estimate.warnings],
      };
      const cost = (value: number | undefined): string => (value === undefined ? 'n/a' : formatUsd(value));
      const lines = [
        `Cost estimate for ${estimate.count} records with ${estimate.model} (${
          estimate.basis === 'prompt'
            ? 'tokens counted on the real prompt'
            : 'typical prompt sizes: give inputs for a real count'
        }):`,
        `- batches: ${estimate.batches}`,
        `- input tokens: ${estimate.inputTokens.toLocaleString('en-US')} (cache writes ${estimate.cacheWriteTokens.toLocaleString('en-US')}, cache reads ${estimate.cacheReadTokens.toLocaleString('en-US')})`,
        `- output tokens: ${estimate.outputTokens.toLocaleString('en-US')}`,
        seconds === undefined
          ? '- duration: within 24 h (batch API)'
          : `- duration: about ${formatDuration(seconds)} at typical speeds`,
        estimate.priced
          ? `- estimated cost: ${cost(estimate.cost.chosen)} (no caching ${cost(estimate.cost.noCaching)}, with caching ${cost(estimate.cost.withCaching)}, batch API ${cost(estimate.cost.batchApi)}, batch API with caching ${cost(estimate.cost.batchApiWithCaching)})`
          : `- estimated cost: unknown (no price for ${estimate.model})`,
        ...structured.warnings.map((warning) => `Warning: ${warning}`),
      ];
      return toolSuccess(structured, lines.join('\n'));
    }),
  );
}
