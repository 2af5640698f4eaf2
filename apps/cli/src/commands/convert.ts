import { convertFile, OUTPUT_FORMATS, type OutputFormat } from '@datasynth/core';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES } from '../errors/exit-codes.js';

interface ConvertOptions {
  output: string;
  format: OutputFormat;
  overwrite?: boolean;
}

/** `datasynth convert <in> -o <out> --format <format>`: rewrite a records file in another format. */
export function registerConvert(program: Command, context: CliContext): Command {
  return program
    .command('convert')
    .description('convert a records file to another format')
    .argument('<input>', 'records file: DataSynth/DataRecipe envelope, JSON array or JSONL')
    .requiredOption('-o, --output <file>', 'file to write')
    .addOption(
      new Option('--format <format>', 'format to write').choices(OUTPUT_FORMATS).makeOptionMandatory(),
    )
    .addOption(new Option('--overwrite', 'replace an existing output file'))
    .action(async (input: string, options: ConvertOptions) => {
      const { output, messages } = context;
      const result = await convertFile({
        input,
        output: options.output,
        format: options.format,
        ...(options.overwrite && { overwrite: true }),
      });
      for (const warning of result.warnings) output.warn(messages.progress.warning(warning));
      output.summary(messages.convert.done(result.count, input, options.output, options.format));
      output.json({
        ...result,
        input,
        output: options.output,
        format: options.format,
        exitCode: EXIT_CODES.ok,
      });
    });
}
