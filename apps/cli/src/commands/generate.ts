import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { addConfigFlags, RUN_FLAG_NAMES } from '../options/config-flags.js';
import { addRunOutputOptions, type RunOutputOptions } from '../options/run-output-options.js';
import { runSynthesis } from '../run/run-synthesis.js';

/** `datasynth generate <analysis_dir>`: synthesize from a DataRecipe analysis folder. */
export function registerGenerate(program: Command, context: CliContext): Command {
  const command = program
    .command('generate')
    .description('generate records from a DataRecipe analysis folder (schema, samples and guidelines)')
    .argument(
      '<analysis_dir>',
      'DataRecipe analysis folder (with 04_复刻指南/DATA_SCHEMA.json and 09_样例数据/samples.json)',
    );
  addConfigFlags(command, RUN_FLAG_NAMES);
  addRunOutputOptions(command, 'output file (default: <analysis_dir>/11_合成数据/synthetic.json)');
  return command.action((analysisDir: string, options: RunOutputOptions, self: Command) =>
    runSynthesis(context, self, { analysisDir }, options),
  );
}
