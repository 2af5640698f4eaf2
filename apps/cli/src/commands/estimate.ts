import { DataSynthesizer, SynthesisError } from '@datasynth/core';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODES, exitCodeForSynthesisError } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { addConfigFlags, ESTIMATE_FLAG_NAMES } from '../options/config-flags.js';
import { addInputFileOptions, inputSourceFrom } from '../options/input-options.js';
import { resolveConfig } from '../options/resolve-config.js';
import { configFileOption } from '../options/run-output-options.js';
import { estimateJson, formatEstimate } from '../render/estimate-report.js';

interface EstimateOptions {
  schema?: string;
  seeds?: string;
  exactTokens?: boolean;
}

/**
 * `datasynth estimate`: tokens and cost of a run before it starts — from the real prompt when inputs
 * are given, from documented defaults otherwise. An unpriced model is said to be so (exit 0).
 */
export function registerEstimate(program: Command, context: CliContext): Command {
  const command = program
    .command('estimate')
    .description('estimate tokens and cost of a run (from the real prompt when inputs are given)')
    .argument(
      '[analysis_dir]',
      'DataRecipe analysis folder (or use --schema/--seeds; neither: documented defaults)',
    );
  addConfigFlags(command, ESTIMATE_FLAG_NAMES);
  addInputFileOptions(command);
  command.addOption(configFileOption());
  command.option(
    '--exact-tokens',
    "count the prompt with the provider's token-counting endpoint (Anthropic; needs a key) instead of offline",
  );
  return command.action(async (analysisDir: string | undefined, options: EstimateOptions, self: Command) => {
    const { output, messages } = context;
    const source = inputSourceFrom({ analysisDir, schema: options.schema, seeds: options.seeds }, messages);
    const config = resolveConfig(self, context.io.env, messages);
    const synthesizer = new DataSynthesizer(config);
    const estimate =
      options.exactTokens && source
        ? await synthesizer.estimateExact(source).catch((error: unknown) => {
            // The offline count needs no key; only the flag does, so the way out is to drop it.
            if (SynthesisError.isInstance(error) && error.code === 'no_api_key')
              throw new ExitError(exitCodeForSynthesisError(error.code), messages.errors.exactTokensNeedKey, {
                errorCode: error.code,
              });
            throw error;
          })
        : synthesizer.estimate(source);
    for (const warning of estimate.warnings) output.warn(messages.progress.warning(warning));
    output.summary(formatEstimate(estimate, messages));
    output.json({ ...estimateJson(estimate), exitCode: EXIT_CODES.ok });
  });
}
