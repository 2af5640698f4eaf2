import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import type { CliContext } from './cli-context.js';
import { registerConvert } from './commands/convert.js';
import { registerCreate } from './commands/create.js';
import { registerEstimate } from './commands/estimate.js';
import { registerGenerate } from './commands/generate.js';
import { registerInit } from './commands/init.js';
import { registerParse } from './commands/parse.js';
import { registerPrepare } from './commands/prepare.js';
import { registerStats } from './commands/stats.js';
import { registerValidate } from './commands/validate.js';
import { messagesFor, selectUiLanguage } from './i18n/ui-language.js';
import { addGlobalOptions, readGlobalOptions } from './options/global-options.js';
import { Output } from './render/output.js';

/** The CLI's version (from its package.json). */
export const CLI_VERSION: string = packageJson.version;

const EXIT_CODES_HELP = `
Exit codes:
  0    done
  1    the run stopped on an error or gave up; validate found invalid records; unexpected error
  2    bad arguments, schema, seeds, config or output path, or no API key: nothing was started
  3    cost cap reached (--max-cost): resume with --resume
  4    provider quota exhausted: resume with --resume
  130  cancelled (Ctrl-C): resume with --resume`;

/**
 * Builds the `datasynth` command tree. Each command lives in its own file under `commands/`.
 * Errors are not printed here: commander's are thrown (`exitOverride`) and the caller's one
 * top-level handler turns every failure into one line and an exit code.
 */
export function createProgram(context: CliContext): Command {
  const program = new Command('datasynth')
    .description(
      'Turn a schema and a few seed records into thousands of valid, deduplicated LLM training records.',
    )
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // Thrown as CommanderError and printed once, on one line, by the top-level handler.
      outputError: () => {},
    })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_CODES_HELP);
  addGlobalOptions(program);
  program.hook('preAction', (_program, actionCommand) => {
    const global = readGlobalOptions(actionCommand);
    context.language = selectUiLanguage(global.uiLang, context.io.env);
    context.messages = messagesFor(context.language);
    context.output = new Output(context.io, {
      quiet: global.quiet,
      json: global.json,
      verbose: global.verbose,
    });
  });
  registerGenerate(program, context);
  registerCreate(program, context);
  registerPrepare(program, context);
  registerParse(program, context);
  registerEstimate(program, context);
  registerValidate(program, context);
  registerStats(program, context);
  registerConvert(program, context);
  registerInit(program, context);
  return program;
}
