import { loadInputs, readRecordsFile } from '@datasynth/core';
import { createValidator } from '@datasynth/prompts';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { strictArguments } from '../strict-arguments.js';
import type { ToolContext } from '../tool-context.js';
import { ToolError } from '../tool-error.js';
import { guardTool, toolSuccess } from '../tool-result.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';

/** Tool name. */
export const VALIDATE_DATA = 'validate_data';

const inputSchema = strictArguments({
  data_path: z
    .string()
    .describe(
      'Records to check: a DataSynth/DataRecipe envelope, a JSON array or JSONL. Relative to the server root.',
    ),
  schema_path: z
    .string()
    .optional()
    .describe('Schema file: DataRecipe DATA_SCHEMA.json, JSON Schema of one record, or a field list.'),
  analysis_dir: z
    .string()
    .optional()
    .describe('DataRecipe folder whose schema to use instead of schema_path.'),
  max_listed: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(20)
    .describe('Invalid records listed with their issues (default 20); all are counted.'),
  ...inputLimitShape,
});

const outputSchema = {
  data_path: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  all_valid: z.boolean(),
  invalid_records: z
    .array(
      z.object({
        record: z.number().int().describe('1-based position in the file.'),
        issues: z.array(z.string()),
      }),
    )
    .describe('The first max_listed invalid records.'),
  schema_warnings: z.array(z.string()),
};

/** `validate_data`: checks every record of a file against a schema and lists what does not fit. */
export function registerValidateDataTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    VALIDATE_DATA,
    {
      title: 'Validate records against a schema',
      description:
        'Checks every record of data_path against the schema (schema_path, or the schema of analysis_dir) and reports which records do not fit and why (missing fields, wrong types, enum and length constraints, extra fields).',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardTool(context, async (args) => {
      if ((args.schema_path === undefined) === (args.analysis_dir === undefined)) {
        throw new ToolError(
          'invalid_arguments',
          'Give the schema to validate against: schema_path or analysis_dir (one of them).',
        );
      }
      const dataPath = context.policy.resolveInput(args.data_path, 'data_path');
      const inputs = loadInputs(
        args.analysis_dir !== undefined
          ? { analysisDir: context.policy.resolveInput(args.analysis_dir, 'analysis_dir') }
          : { schemaPath: context.policy.resolveInput(args.schema_path as string, 'schema_path') },
        toInputLimit(args),
      );
      const records = await readRecordsFile(dataPath, toInputLimit(args));
      const validator = createValidator(inputs.schema);
      const invalidRecords: { record: number; issues: string[] }[] = [];
      let invalid = 0;
      records.forEach((record, index) => {
        const check = validator.validate(record);
        if (check.ok) return;
        invalid += 1;
        if (invalidRecords.length < args.max_listed)
          invalidRecords.push({ record: index + 1, issues: check.issues });
      });
      const structured = {
        data_path: dataPath,
        total: records.length,
        valid: records.length - invalid,
        invalid,
        all_valid: invalid === 0,
        invalid_records: invalidRecords,
        schema_warnings: inputs.warnings,
      };
      const lines = [
        invalid === 0
          ? `All ${records.length} records in ${dataPath} fit the schema.`
          : `${invalid} of ${records.length} records in ${dataPath} do not fit the schema.`,
        ...invalidRecords.map((entry) => `- record ${entry.record}: ${entry.issues.join('; ')}`),
        ...(invalid > invalidRecords.length ? [`- … ${invalid - invalidRecords.length} more`] : []),
      ];
      return toolSuccess(structured, lines.join('\n'));
    }),
  );
}
