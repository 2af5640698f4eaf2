import type { Messages } from './i18n/messages.js';
import { messagesFor, selectUiLanguage, type UiLanguage } from './i18n/ui-language.js';
import type { CliIo } from './io/cli-io.js';
import { Output } from './render/output.js';

/** What every command gets: streams, the chosen UI language, and the original arguments. */
export interface CliContext {
  io: CliIo;
  /** The CLI's version, for `--version` and "please report" lines. */
  version: string;
  /** Arguments after `node bin.js`, for printing the exact resume command. */
  argv: readonly string[];
  /** Set from the global flags before a command runs. */
  language: UiLanguage;
  messages: Messages;
  output: Output;
  /** The exit code a command chose without failing (e.g. `validate` with invalid records). */
  exitCode: number;
}

/** A context before any flag is parsed: UI language from the environment, default verbosity. */
export function createCliContext(io: CliIo, argv: readonly string[], version: string): CliContext {
  const language = selectUiLanguage(undefined, io.env);
  return {
    io,
    version,
    argv,
    language,
    messages: messagesFor(language),
    output: new Output(io, { quiet: false, json: false, verbose: false }),
    exitCode: 0,
  };
}
