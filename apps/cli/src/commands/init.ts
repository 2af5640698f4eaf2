import fs from 'node:fs';
import path from 'node:path';
import { defaultModel, SynthesisConfigSchema } from '@datasynth/core';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { CONFIG_FILE_NAME, CONFIG_SCHEMA_FILE_NAME, configJsonSchema } from '../config/config-json-schema.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { writeTextFile } from '../io/write-text-file.js';

interface InitOptions {
  force?: boolean;
}

/**
 * `datasynth init [dir]`: writes `datasynth.config.json` holding every setting that has a default
 * (model chosen from the keys present), with a `$schema` pointing at the JSON Schema written beside
 * it, so editors complete and document every field. Refuses to replace either file without `--force`.
 */
export function registerInit(program: Command, context: CliContext): Command {
  return program
    .command('init')
    .description(`write ${CONFIG_FILE_NAME} (every setting with its default) and its JSON Schema`)
    .argument('[dir]', 'folder to write them in', '.')
    .addOption(new Option('--force', 'replace existing files'))
    .action((dir: string, options: InitOptions) => {
      const { output, messages } = context;
      const configPath = path.join(dir, CONFIG_FILE_NAME);
      const schemaPath = path.join(dir, CONFIG_SCHEMA_FILE_NAME);
      const force = options.force === true;
      if (!force) {
        // Check both first, so a refusal changes nothing.
        for (const file of [configPath, schemaPath]) {
          if (fs.existsSync(file))
            throw new ExitError(EXIT_CODES.usage, messages.errors.exists(file, '--force'));
        }
      }
      const defaults = SynthesisConfigSchema.parse({});
      const env = context.io.env;
      const model = defaultModel({ env }) ?? defaults.model;
      const config = { $schema: `./${CONFIG_SCHEMA_FILE_NAME}`, ...defaults, model };
      writeTextFile(schemaPath, `${JSON.stringify(configJsonSchema(), null, 2)}\n`, {
        overwrite: force,
        overwriteFlag: '--force',
      });
      writeTextFile(configPath, `${JSON.stringify(config, null, 2)}\n`, {
        overwrite: force,
        overwriteFlag: '--force',
      });
      output.summary(`${messages.init.written(configPath, schemaPath)}\n${messages.init.useIt(configPath)}`);
      output.json({ configPath, schemaPath, config, exitCode: EXIT_CODES.ok });
    });
}
