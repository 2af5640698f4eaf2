import fs from 'node:fs';
import { parseSynthesisConfig, type SynthesisConfig } from '@datasynth/core';
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
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExitError(EXIT_CODES.usage, `${file}: config file not found`);
    if (code === 'EISDIR') throw new ExitError(EXIT_CODES.usage, `${file}: is a folder, not a config file`);
    throw new ExitError(
      EXIT_CODES.usage,
      `${file}: cannot read the config file (${code ?? 'unknown error'})`,
    );
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
