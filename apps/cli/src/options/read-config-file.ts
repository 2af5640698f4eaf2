import { parseSynthesisConfig, type SynthesisConfig } from '@datasynth/core';
import { PromptsError, readTextFile } from '@datasynth/prompts';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';

/**
 * Reads a `datasynth.config.json` (as written by `datasynth init`): JSON, checked by the core config
 * schema. Returns the settings as written (defaults not applied), so flags can still override them
 * and unset settings keep their smart defaults. Every problem is one line naming the file.
 */
export function readConfigFile(file: string): SynthesisConfig {
  let text: string;
  try {
    // Like every input: a regular file (never a FIFO or device, which would hang), bounded, in UTF-8.
    text = readTextFile(file, 'config file');
  } catch (error) {
    if (!PromptsError.isInstance(error)) throw error;
    if (error.code === 'file_not_found')
      throw new ExitError(EXIT_CODES.usage, `${file}: config file not found`);
    throw new ExitError(EXIT_CODES.usage, error.message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ExitError(EXIT_CODES.usage, `${file}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ExitError(EXIT_CODES.usage, `${file}: expected a JSON object of settings`);
  }
  // `$schema` only serves editors (completion and hover docs); it is not a setting.
  const { $schema: _schema, ...settings } = value as Record<string, unknown>;
  parseSynthesisConfig(settings as SynthesisConfig, file);
  return settings as SynthesisConfig;
}
