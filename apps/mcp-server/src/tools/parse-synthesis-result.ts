import { ingestReply, loadInputs, parseSynthesisConfig } from '@datasynth/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';
import { inputSourceShape, resolveInputSource } from './input-source-arguments.js';
import { resolveRunOutput } from './run-output.js';

/** Tool name, as in the original DataSynth server. */
export const PARSE_SYNTHESIS_RESULT = 'parse_synthesis_result';

/** Issues listed in a result; the rest are counted and kept in the rejects file. */
const MAX_LISTED_ISSUES = 20;

const inputSchema = strictArguments({
  response_text: z
    .string()
    .min(1)
    .describe("The model's whole reply to the prepare_synthesis prompt (JSON records, fenced or not)."),
  ...inputSourceShape,
  output_path: z
    .string()
    .optional()
    .describe(
      'File to add the records to (created if missing; records already there count for deduplication). Default for analysis_dir: 11_合成数据/synthetic.json in the folder.',
    ),
  format: z
    .enum(['json', 'jsonl'])
    .optional()
    .describe('json (DataRecipe envelope) or jsonl; default from the output file name (.jsonl → jsonl).'),
  validate: z.boolean().default(true).describe('Check every record against the schema (default true).'),
  ...inputLimitShape,
});

const outputSchema = {
  parsed: z.number().int().describe('Records found in the reply.'),
  added: z.number().int().describe('Records saved by this call.'),
  invalid: z.number().int(),
  duplicates: z.object({ exact: z.number().int(), near: z.number().int() }),
  total: z.number().int().describe('Records in the output now.'),
  output_path: z.string(),
  rejects_path: z.string(),
  issues: z.array(z.string()).describe(`Why records were dropped (at most ${MAX_LISTED_ISSUES}).`),
  issue_count: z.number().int(),
};

/**
 * `parse_synthesis_result`: parses the host model's reply, validates it, drops duplicates of the
 * seeds and of what the output holds, and appends the rest (core `ingestReply`).
 */
export function registerParseSynthesisResultTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    PARSE_SYNTHESIS_RESULT,
    {
      title: 'Parse and save generated records',
      description:
        "Parses a model's reply to the prepare_synthesis prompt, validates every record against the schema, drops duplicates (of the seeds and of records already saved) and appends the rest to output_path. Call it again with further replies to grow the file. Inputs: the same analysis_dir or schema_path/seeds_path given to prepare_synthesis.",
      inputSchema,
      outputSchema,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    guardTool(context, async (args, extra) => {
      const source = resolveInputSource(args, context.policy, { required: true });
      const inputs = loadInputs(source, toInputLimit(args));
      const output = resolveRunOutput(context.policy, args.output_path, inputs.defaultOutput);
      const config = parseSynthesisConfig({}, 'arguments');
      const release = await context.outputs.acquire(output, extra.signal);
      try {
        const result = await ingestReply({
          text: args.response_text,
          inputs,
          output,
          ...(args.format && { format: args.format }),
          validate: args.validate,
          dedup: config.dedup,
        });
        const duplicates = result.duplicates.exact + result.duplicates.near;
        const structured = {
          parsed: result.parsed,
          added: result.added,
          invalid: result.invalid,
          duplicates: result.duplicates,
          total: result.total,
          output_path: result.outputPath,
          rejects_path: result.rejectsPath,
          issues: result.issues.slice(0, MAX_LISTED_ISSUES),
          issue_count: result.issues.length,
        };
        const lines = [
          `Saved ${result.added} of ${result.parsed} records to ${result.outputPath} (${result.total} in total); ${result.invalid} invalid, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}.`,
          ...structured.issues.map((issue) => `- ${issue}`),
          ...(result.issues.length > MAX_LISTED_ISSUES
            ? [`- … ${result.issues.length - MAX_LISTED_ISSUES} more in ${result.rejectsPath}`]
            : []),
        ];
        return toolSuccess(structured, lines.join('\n'));
      } finally {
        release();
      }
    }),
  );
}
