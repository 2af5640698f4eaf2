import { defaultModel, type SynthesisConfig } from '@datasynth/core';
import type { Command } from 'commander';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import type { Messages } from '../i18n/messages.js';
import { configFromFlags } from './config-flags.js';
import { readConfigFile } from './read-config-file.js';

/**
 * The settings of one command: the `--config` file, overridden by the flags the user typed. When no
 * model is named anywhere, core's `defaultModel` rule picks one (`--provider openai` or an
 * environment holding only `OPENAI_API_KEY` selects the OpenAI default).
 */
export function resolveConfig(command: Command, env: NodeJS.ProcessEnv, messages: Messages): SynthesisConfig {
  const configPath = command.opts().config as string | undefined;
  const file = configPath === undefined ? {} : readConfigFile(configPath);
  const flags = configFromFlags(command);
  const config: SynthesisConfig = { ...file, ...flags };
  if (file.dedup && flags.dedup) config.dedup = { ...file.dedup, ...flags.dedup };
  if (file.judge && flags.judge) config.judge = { ...file.judge, ...flags.judge };
  if (file.steering && flags.steering) config.steering = { ...file.steering, ...flags.steering };
  if (config.model === undefined) {
    const model = defaultModel({ provider: config.provider, env });
    if (model === undefined)
      throw new ExitError(EXIT_CODES.usage, messages.errors.modelRequiredForCompatible);
    config.model = model;
  }
  return config;
}
