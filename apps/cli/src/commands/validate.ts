import { loadInputs, readRecordsFile } from '@datasynth/core';
import { createValidator } from '@datasynth/prompts';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { schemaSourceFrom } from '../options/input-options.js';

/** Invalid records listed in the readable report before "… and N more". */
const SHOWN_RECORDS = 50;

/** One record that does not fit the schema. */
interface InvalidRecord {
  /** 1-based position in the file. */
  index: number;
  issues: string[];
}

/** `datasynth validate <data> <schema>`: per-record issues and a summary; exit 1 when any record is invalid. */
export function registerValidate(program: Command, context: CliContext): Command {
  return program
    .command('validate')
    .description('check every record of a data file against a schema; exit 1 when any is invalid')
    .argument('<data>', 'records file: DataSynth/DataRecipe envelope, JSON array or JSONL')
    .argument(
      '<schema>',
      'schema: a DataRecipe analysis folder, its DATA_SCHEMA.json, a JSON Schema, or a field list',
    )
    .action(async (dataPath: string, schemaPath: string) => {
      const { output, messages } = context;
      const { schema, warnings } = loadInputs(schemaSourceFrom(schemaPath));
      for (const warning of warnings) output.warn(messages.progress.warning(warning));
      const records = await readRecordsFile(dataPath);
      const validator = createValidator(schema);
      const invalid: InvalidRecord[] = [];
      records.forEach((record, position) => {
        const check = validator.validate(record);
        if (!check.ok) invalid.push({ index: position + 1, issues: check.issues });
      });
      const lines = invalid
        .slice(0, SHOWN_RECORDS)
        .map((entry) => messages.validate.recordIssues(`#${entry.index}`, entry.issues.join('; ')));
      if (invalid.length > SHOWN_RECORDS)
        lines.push(messages.validate.moreRecords(invalid.length - SHOWN_RECORDS));
      lines.push(messages.validate.summary(records.length - invalid.length, records.length));
      const exitCode = invalid.length > 0 ? EXIT_CODES.failure : EXIT_CODES.ok;
      output.summary(lines.join('\n'));
      output.json({
        total: records.length,
        valid: records.length - invalid.length,
        invalid: invalid.length,
        records: invalid,
        exitCode,
      });
      context.exitCode = exitCode;
    });
}
