import { type Command, Option } from 'commander';
import { UI_LANGUAGES } from '../i18n/ui-language.js';

/** The flags every command understands, wherever they appear on the line. */
export interface GlobalOptions {
  verbose: boolean;
  quiet: boolean;
  json: boolean;
  uiLang: string | undefined;
}

/** Adds `-v, --verbose`, `-q, --quiet`, `--json` and `--ui-lang` to the program (and so to every command). */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option('-v, --verbose', 'more detail on stderr, and stack traces of errors'))
    .addOption(new Option('-q, --quiet', 'print only errors'))
    .addOption(new Option('--json', 'print exactly one JSON document on stdout (with an exitCode field)'))
    .addOption(
      new Option(
        '--ui-lang <language>',
        'language of messages (default: DATASYNTH_LANG, else the locale)',
      ).choices(UI_LANGUAGES),
    );
}

/** Reads the global flags as seen from any command. */
export function readGlobalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals();
  return {
    verbose: options.verbose === true,
    quiet: options.quiet === true,
    json: options.json === true,
    uiLang: typeof options.uiLang === 'string' ? options.uiLang : undefined,
  };
}
