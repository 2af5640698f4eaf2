import { convertFile, OUTPUT_FORMATS } from '@datasynth/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';

/** Tool name. */
export const CONVERT_DATA = 'convert_data';

const inputSchema = strictArguments({
  input_path: z.string().describe('Records file: a DataSynth/DataRecipe envelope, a JSON array or JSONL.'),
  output_path: z.string().describe('File to write.'),
  format: z
    .enum(OUTPUT_FORMATS)
    .describe(
      'json (DataRecipe envelope), jsonl, alpaca (instruction/input/output), sharegpt (conversations) or openai (messages).',
    ),
  data_type: z
    .enum(['instruction', 'preference', 'multi-turn', 'generic'])
    .optional()
    .describe("How fields map to roles; default from the envelope's metadata or the field names."),
  overwrite: z.boolean().default(false).describe('Replace output_path when it exists.'),
  ...inputLimitShape,
});

const outputSchema = {
  output_path: z.string(),
  format: z.string(),
  count: z.number().int(),
  warnings: z.array(z.string()),
};

/** `convert_data`: rewrites a record file in another training format (core `convertFile`). */
export function registerConvertDataTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    CONVERT_DATA,
    {
      title: 'Convert records to a training format',
      description:
        'Converts a record file to json (DataRecipe envelope), jsonl, alpaca, sharegpt or openai chat format. Refuses to replace an existing output_path unless overwrite is true.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    guardTool(context, async (args, extra) => {
      const input = context.policy.resolveInput(args.input_path, 'input_path');
      const output = context.policy.resolveOutput(args.output_path, 'output_path');
      const release = await context.outputs.acquire(output, extra.signal);
      try {
        const result = await convertFile({
          input,
          output,
          format: args.format,
          ...(args.data_type && { dataType: args.data_type }),
          overwrite: args.overwrite,
          ...toInputLimit(args),
        });
        const structured = {
          output_path: output,
          format: args.format,
          count: result.count,
          warnings: result.warnings,
        };
        const text = [
          `Wrote ${result.count} records to ${output} as ${args.format}.`,
          ...result.warnings.map((warning) => `Warning: ${warning}`),
        ].join('\n');
        return toolSuccess(structured, text);
      } finally {
        release();
      }
    }),
  );
}
