import { ingestReply, loadInputs, parseSynthesisConfig } from '@datasynth/core';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { readInputText } from '../io/read-input-text.js';
import { addConfigFlags } from '../options/config-flags.js';
import { addInputFileOptions, requireInputSource } from '../options/input-options.js';
import { resolveConfig } from '../options/resolve-config.js';
import { configFileOption } from '../options/run-output-options.js';

/** Issue lines shown before "… and N more"; all of them are in the rejects file anyway. */
const SHOWN_ISSUES = 10;

interface ParseOptions {
  analysisDir?: string;
  schema?: string;
  seeds?: string;
  output?: string;
}

/**
 * `datasynth parse <reply | ->`: the second half of the interactive mode. Parses a model's pasted
 * reply, validates it, drops duplicates of the seeds and of the output, and appends the rest.
 */
export function registerParse(program: Command, context: CliContext): Command {
  const command = program
    .command('parse')
    .description(
      "parse a model's reply to a `prepare` prompt and append its valid, new records to the output",
    )
    .argument('<reply>', "file holding the model's whole reply, or - for stdin")
    .addOption(new Option('--analysis-dir <dir>', 'DataRecipe analysis folder the prompt was prepared from'));
  addInputFileOptions(command);
  command.addOption(
    new Option(
      '-o, --output <file>',
      'records file to append to (default with --analysis-dir: its synthetic.json)',
    ),
  );
  addConfigFlags(command, ['format', 'validate', 'dedup', 'provenance']);
  command.addOption(configFileOption());
  return command.action(async (reply: string, options: ParseOptions, self: Command) => {
    const { output, messages } = context;
    const source = requireInputSource(
      { analysisDir: options.analysisDir, schema: options.schema, seeds: options.seeds },
      messages,
    );
    const config = parseSynthesisConfig(resolveConfig(self, context.io.env, messages));
    const inputs = loadInputs(source, { maxInputBytes: config.maxInputBytes });
    const outputPath = options.output ?? inputs.defaultOutput;
    if (outputPath === undefined)
      throw new ExitError(EXIT_CODES.usage, messages.errors.outputRequired('parse'));
    for (const warning of inputs.warnings) output.warn(messages.progress.warning(warning));
    const text = await readInputText(reply, context.io.stdin, 'reply file');
    const result = await ingestReply({
      text,
      inputs,
      output: outputPath,
      ...(config.outputFormat !== undefined && { format: config.outputFormat }),
      validate: config.validate,
      dedup: config.dedup,
      provenance: config.provenance,
    });
    for (const issue of result.issues.slice(0, SHOWN_ISSUES)) output.info(messages.parse.issue(issue));
    if (result.issues.length > SHOWN_ISSUES)
      output.info(messages.parse.moreIssues(result.issues.length - SHOWN_ISSUES));
    output.summary(
      `${messages.parse.summary({
        parsed: result.parsed,
        added: result.added,
        invalid: result.invalid,
        duplicates: result.duplicates.exact + result.duplicates.near,
        total: result.total,
      })}\n${messages.parse.output(result.outputPath)}`,
    );
    output.json({ ...result, exitCode: EXIT_CODES.ok });
  });
}
