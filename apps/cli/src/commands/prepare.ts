import { loadInputs, parseSynthesisConfig, preflightRun, prepareInteractiveSynthesis } from '@datasynth/core';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { writeTextFile } from '../io/write-text-file.js';
import { addConfigFlags } from '../options/config-flags.js';
import { addInputFileOptions, requireInputSource } from '../options/input-options.js';
import { parsePositiveInteger } from '../options/parse-number.js';
import { resolveConfig } from '../options/resolve-config.js';
import { configFileOption } from '../options/run-output-options.js';
import { shellQuote } from '../run/resume-command.js';

/** Records asked for in one interactive prompt unless `-n` says otherwise. */
export const DEFAULT_INTERACTIVE_COUNT = 10;

interface PrepareOptions {
  schema?: string;
  seeds?: string;
  output?: string;
  overwrite?: boolean;
  examples?: number;
}

/**
 * `datasynth prepare`: the no-key interactive mode. Prints (or writes) one self-contained prompt for
 * any chat model, and the `datasynth parse` command that ingests the reply.
 */
export function registerPrepare(program: Command, context: CliContext): Command {
  const command = program
    .command('prepare')
    .description('interactive mode, no API key: write a prompt to paste into any chat model')
    .argument('[analysis_dir]', 'DataRecipe analysis folder (or use --schema/--seeds)');
  addInputFileOptions(command);
  addConfigFlags(command, ['count', 'dataType', 'lang', 'diversity'], { count: DEFAULT_INTERACTIVE_COUNT });
  command
    .addOption(new Option('-o, --output <file>', 'write the prompt to this file instead of stdout'))
    .addOption(new Option('--overwrite', 'replace an existing prompt file'))
    .addOption(
      new Option(
        '--examples <count>',
        'seed records shown as examples, picked evenly (default: the --seed-sample-count of API runs)',
      ).argParser(parsePositiveInteger),
    )
    .addOption(configFileOption());
  return command.action((analysisDir: string | undefined, options: PrepareOptions, self: Command) => {
    const { output, messages } = context;
    const source = requireInputSource(
      { analysisDir, schema: options.schema, seeds: options.seeds },
      messages,
    );
    const settings = resolveConfig(self, context.io.env, messages);
    const config = parseSynthesisConfig({
      ...settings,
      targetCount: settings.targetCount ?? DEFAULT_INTERACTIVE_COUNT,
    });
    const inputs = loadInputs(source, { maxInputBytes: config.maxInputBytes });
    if (options.output !== undefined) preflightRun({ output: options.output, inputs: inputs.files ?? [] });
    for (const warning of inputs.warnings) output.warn(messages.progress.warning(warning));
    const prepared = prepareInteractiveSynthesis(
      inputs,
      config,
      options.examples !== undefined ? { examples: options.examples } : {},
    );

    const parseArguments =
      analysisDir !== undefined
        ? ['parse', 'reply.md', '--analysis-dir', analysisDir]
        : [
            'parse',
            'reply.md',
            ...(options.schema !== undefined ? ['--schema', options.schema] : []),
            ...(options.seeds !== undefined ? ['--seeds', options.seeds] : []),
            '-o',
            'synthetic.json',
          ];
    const parseCommand = ['datasynth', ...parseArguments].map(shellQuote).join(' ');

    if (options.output !== undefined) {
      writeTextFile(options.output, `${prepared.prompt}\n`, {
        overwrite: options.overwrite === true,
        overwriteFlag: '--overwrite',
      });
      output.info(messages.prepare.written(options.output));
    } else {
      output.product(prepared.prompt);
    }
    output.info(messages.prepare.nextSteps(parseCommand));
    output.json({
      prompt: prepared.prompt,
      instructions: prepared.instructions,
      ...(options.output !== undefined && { promptPath: options.output }),
      count: config.targetCount,
      examplesShown: prepared.examplesShown,
      seedCount: prepared.seedCount,
      language: prepared.language,
      dataType: prepared.dataType,
      parseCommand,
      exitCode: EXIT_CODES.ok,
    });
  });
}
