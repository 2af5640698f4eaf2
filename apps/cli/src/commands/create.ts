import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { addConfigFlags, RUN_FLAG_NAMES } from '../options/config-flags.js';
import { addRunOutputOptions, type RunOutputOptions } from '../options/run-output-options.js';
import { runSynthesis } from '../run/run-synthesis.js';

/** `datasynth create <schema> <seeds> -o <out>`: synthesize from custom schema and seed files. */
export function registerCreate(program: Command, context: CliContext): Command {
  const command = program
    .command('create')
    .description('generate records from a schema file and a seeds file')
    .argument('<schema>', 'schema: DataRecipe DATA_SCHEMA.json, a JSON Schema of one record, or a field list')
    .argument('<seeds>', 'seed records: JSON array, JSONL, DataRecipe samples.json or a DataSynth output');
  addConfigFlags(command, RUN_FLAG_NAMES);
  addRunOutputOptions(
    command,
    'output file (.json: DataRecipe envelope; .jsonl: one record per line); required',
  );
  return command.action((schemaPath: string, seedsPath: string, options: RunOutputOptions, self: Command) => {
    if (options.output === undefined && !options.dryRun) {
      throw new ExitError(EXIT_CODES.usage, context.messages.errors.outputRequired('create'));
    }
    return runSynthesis(context, self, { schemaPath, seedsPath }, options);
  });
}
