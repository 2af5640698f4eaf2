import { computeStats, loadInputs, readRecordsFile } from '@datasynth/core';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { addInputFileOptions } from '../options/input-options.js';
import { formatStats } from '../render/stats-report.js';

interface StatsOptions {
  schema?: string;
  seeds?: string;
}

/** `datasynth stats <data>`: distributions and diversity figures; a table, or the raw object with `--json`. */
export function registerStats(program: Command, context: CliContext): Command {
  const command = program
    .command('stats')
    .description('distributions and diversity figures of a records file')
    .argument('<data>', 'records file: DataSynth/DataRecipe envelope, JSON array or JSONL');
  addInputFileOptions(command);
  return command.action(async (dataPath: string, options: StatsOptions) => {
    const { output, messages } = context;
    const schema =
      options.schema === undefined ? undefined : loadInputs({ schemaPath: options.schema }).schema;
    const seeds = options.seeds === undefined ? undefined : await readRecordsFile(options.seeds);
    const records = await readRecordsFile(dataPath);
    const stats = computeStats(records, { ...(schema && { schema }), ...(seeds && { seeds }) });
    output.summary(formatStats(stats, messages));
    output.json({ ...stats, exitCode: EXIT_CODES.ok });
  });
}
