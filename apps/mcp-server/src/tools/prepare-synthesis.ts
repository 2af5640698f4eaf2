import { loadInputs, parseSynthesisConfig, prepareInteractiveSynthesis } from '@datasynth/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { dataTypeArgument, diversityArgument, languageArgument, toDataType } from './generation-arguments.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';
import { inputSourceShape, resolveInputSource } from './input-source-arguments.js';

/** Tool name, as in the original DataSynth server. */
export const PREPARE_SYNTHESIS = 'prepare_synthesis';

const inputSchema = strictArguments({
  ...inputSourceShape,
  count: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('How many records the prompt asks for (default 10; keep it to what one reply can hold).'),
  examples: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      'How many seed records the prompt shows as examples, picked evenly across the seeds (default 3, the API mode sample size). The prompt says how many of how many it shows.',
    ),
  data_type: dataTypeArgument,
  language: languageArgument,
  diversity: diversityArgument,
  output_path: z
    .string()
    .optional()
    .describe(
      'Where parse_synthesis_result should save the records (default for analysis_dir: 11_合成数据/synthetic.json in the folder).',
    ),
  ...inputLimitShape,
});

const outputSchema = {
  prompt: z.string().describe('The self-contained prompt: answer it to produce the records.'),
  instructions: z.string().describe('What to do with the prompt and the reply.'),
  count: z.number().int(),
  language: z.enum(['zh', 'en']),
  data_type: z.string(),
  seed_count: z
    .number()
    .int()
    .describe('Valid seed records the examples are drawn from (duplicates of them are dropped on parse).'),
  examples_shown: z.number().int().describe('Seed records shown as examples in the prompt.'),
  warnings: z.array(z.string()),
  next_step: z
    .object({ tool: z.literal('parse_synthesis_result'), arguments: z.record(z.string(), z.string()) })
    .describe('The call to make with the reply (add response_text).'),
};

/**
 * `prepare_synthesis`: builds the interactive prompt (no API key needed). The host model answers
 * it and hands its reply to `parse_synthesis_result`.
 */
export function registerPrepareSynthesisTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    PREPARE_SYNTHESIS,
    {
      title: 'Prepare a synthesis prompt (no API key)',
      description:
        'Builds a self-contained prompt that asks for `count` new records fitting the schema, with seed examples. No API key needed: you (the host model) write the records by answering the prompt, then call parse_synthesis_result with your whole reply to validate, deduplicate and save them. Inputs: analysis_dir (DataRecipe folder) or schema_path and/or seeds_path.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardTool(context, async (args) => {
      const source = resolveInputSource(args, context.policy, { required: true });
      const outputPath =
        args.output_path === undefined
          ? undefined
          : context.policy.resolveOutput(args.output_path, 'output_path');
      const dataType = toDataType(args.data_type);
      const config = parseSynthesisConfig(
        {
          targetCount: args.count,
          ...(dataType && { dataType }),
          ...(args.language && { language: args.language }),
          ...(args.diversity !== undefined && { diversity: args.diversity }),
        },
        'arguments',
      );
      const inputs = loadInputs(source, toInputLimit(args));
      const prepared = prepareInteractiveSynthesis(
        inputs,
        config,
        args.examples !== undefined ? { examples: args.examples } : {},
      );
      const nextArguments: Record<string, string> = {
        ...('analysisDir' in source
          ? { analysis_dir: source.analysisDir }
          : {
              ...(source.schemaPath !== undefined && { schema_path: source.schemaPath }),
              ...(source.seedsPath !== undefined && { seeds_path: source.seedsPath }),
            }),
        ...(outputPath !== undefined && { output_path: outputPath }),
      };
      const saveTo = outputPath ?? inputs.defaultOutput;
      const structured = {
        prompt: prepared.prompt,
        instructions: prepared.instructions,
        count: config.targetCount,
        language: prepared.language,
        data_type: prepared.dataType,
        seed_count: inputs.seeds.length,
        examples_shown: prepared.examplesShown,
        warnings: inputs.warnings,
        next_step: { tool: 'parse_synthesis_result' as const, arguments: nextArguments },
      };
      const callLine = `Then call parse_synthesis_result with response_text = your whole reply and ${Object.entries(
        nextArguments,
      )
        .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
        .join(', ')}${
        saveTo === undefined ? ', output_path = the file to save to (e.g. "synthetic.json")' : ''
      }.${saveTo === undefined ? '' : ` The records will be saved to ${saveTo}.`}`;
      const text = [
        `Write ${config.targetCount} records by answering the prompt below (${prepared.language}, ${prepared.dataType}; it shows ${prepared.examplesShown} of the ${inputs.seeds.length} seed records as examples).`,
        callLine,
        ...inputs.warnings.map((warning) => `Warning: ${warning}`),
        '',
        '---',
        '',
        prepared.prompt,
      ].join('\n');
      return toolSuccess(structured, text);
    }),
  );
}
