import { OutputError, SynthesisError } from '@datasynth/core';
import { PromptsError } from '@datasynth/prompts';
import { ProviderError } from '@datasynth/providers';
import { CommanderError } from 'commander';
import type { Messages } from '../i18n/messages.js';
import { oneLine } from '../render/one-line.js';
import { EXIT_CODES, exitCodeForSynthesisError } from './exit-codes.js';
import { ExitError } from './exit-error.js';
import { flagForSetting } from './setting-flags.js';

/** What the top-level handler does with a failure: the exit code and the one line to print (if any). */
export interface FailureReport {
  exitCode: number;
  /** One line, without the `datasynth: ` prefix; absent when nothing should be printed. */
  message?: string;
  /** A machine-readable code for `--json` output. */
  code: string;
  /** Whether the failure was unexpected (a bug): its stack is worth showing with `-v`. */
  unexpected: boolean;
}

/** Core and prompts name settings; on the command line the flag is what the user can change. */
function inCliTerms(message: string): string {
  return message.replace('raise the maxInputBytes setting', 'raise --max-input-size (in MiB)');
}

/** Maps anything thrown by a command to an exit code and a single line. */
export function describeFailure(error: unknown, messages: Messages, version: string): FailureReport {
  if (error instanceof ExitError) {
    return {
      exitCode: error.code,
      code: error.errorCode,
      unexpected: false,
      ...(error.message !== '' && { message: oneLine(error.message) }),
    };
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return { exitCode: EXIT_CODES.ok, code: error.code, unexpected: false };
    }
    // Help was already printed (e.g. `datasynth` alone); only the exit code is left to give.
    if (error.code === 'commander.help')
      return { exitCode: EXIT_CODES.usage, code: error.code, unexpected: false };
    return {
      exitCode: EXIT_CODES.usage,
      code: error.code,
      unexpected: false,
      message: oneLine(error.message.replace(/^error:\s*/, '')),
    };
  }
  if (SynthesisError.isInstance(error)) {
    // Core names the provider; the CLI's own line names the flags and commands that get the user going.
    // Core speaks of settings (`resume`, `overwrite`); the CLI adds the flags that set them.
    const flags = Object.keys(error.settings ?? {}).flatMap((setting) => flagForSetting(setting) ?? []);
    const message =
      error.code === 'no_api_key'
        ? messages.errors.noApiKey(/^No API key for ([\w-]+)/.exec(error.message)?.[1])
        : flags.length > 0
          ? `${inCliTerms(error.message)} ${messages.errors.settingFlags(flags)}`
          : inCliTerms(error.message);
    return {
      exitCode: exitCodeForSynthesisError(error.code),
      code: error.code,
      unexpected: false,
      message: oneLine(message),
    };
  }
  if (ProviderError.isInstance(error)) {
    const exitCode =
      error.kind === 'quota'
        ? EXIT_CODES.quota
        : error.kind === 'auth' || error.kind === 'invalid_request'
          ? EXIT_CODES.usage
          : EXIT_CODES.failure;
    return { exitCode, code: `provider_${error.kind}`, unexpected: false, message: oneLine(error.message) };
  }
  if (OutputError.isInstance(error)) {
    return {
      exitCode: EXIT_CODES.usage,
      code: error.code,
      unexpected: false,
      message: oneLine(inCliTerms(error.message)),
    };
  }
  if (PromptsError.isInstance(error)) {
    return {
      exitCode: EXIT_CODES.usage,
      code: error.code,
      unexpected: false,
      message: oneLine(inCliTerms(error.message)),
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT_CODES.failure,
    code: 'unexpected',
    unexpected: true,
    message: oneLine(messages.errors.unexpected(text, version)),
  };
}
