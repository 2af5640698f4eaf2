import { type Command, Option } from 'commander';

/** What `generate` and `create` do with their output. */
export interface RunOutputOptions {
  output?: string;
  resume?: boolean;
  overwrite?: boolean;
  dryRun?: boolean;
  config?: string;
}

/** Adds `-o`, `--resume`, `--overwrite`, `--dry-run` and `--config` to a run command. */
export function addRunOutputOptions(command: Command, outputHelp: string): Command {
  return command
    .addOption(new Option('-o, --output <file>', outputHelp))
    .addOption(new Option('--resume', 'continue an interrupted run in the output (same schema required)'))
    .addOption(
      new Option('--overwrite', 'replace an existing output instead of refusing').conflicts('resume'),
    )
    .addOption(new Option('--dry-run', 'estimate tokens and cost for this exact input, call nothing'))
    .addOption(configFileOption());
}

/** `--config <file>`: settings from a `datasynth.config.json`; flags override them. */
export function configFileOption(): Option {
  return new Option('--config <file>', 'read settings from a datasynth.config.json (flags override it)');
}
