import fs from 'node:fs';
import type { InputSource } from '@datasynth/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import type { Messages } from '../i18n/messages.js';

/** Adds `--schema <file>` and `--seeds <file>`: custom inputs instead of a DataRecipe folder. */
export function addInputFileOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--schema <file>', 'schema: DataRecipe DATA_SCHEMA.json, a JSON Schema, or a field list'),
    )
    .addOption(new Option('--seeds <file>', 'seed records: JSON array, JSONL, or DataRecipe samples.json'));
}

/** Paths given on the command line for a run's inputs. */
export interface GivenInputs {
  analysisDir?: string | undefined;
  schema?: string | undefined;
  seeds?: string | undefined;
}

/** Either a DataRecipe folder or schema/seed files (never both), or undefined when neither was given. */
export function inputSourceFrom(given: GivenInputs, messages: Messages): InputSource | undefined {
  const files = given.schema !== undefined || given.seeds !== undefined;
  if (given.analysisDir !== undefined && files)
    throw new ExitError(EXIT_CODES.usage, messages.errors.inputsConflict);
  if (given.analysisDir !== undefined) return { analysisDir: given.analysisDir };
  if (!files) return undefined;
  return {
    ...(given.schema !== undefined && { schemaPath: given.schema }),
    ...(given.seeds !== undefined && { seedsPath: given.seeds }),
  };
}

/** Like {@link inputSourceFrom}, but refuses when no input was given. */
export function requireInputSource(given: GivenInputs, messages: Messages): InputSource {
  const source = inputSourceFrom(given, messages);
  if (source === undefined) throw new ExitError(EXIT_CODES.usage, messages.errors.inputsRequired);
  return source;
}

/**
 * The schema a checking command reads: a DataRecipe analysis folder (its schema, with the seeds that
 * fill in `nested_type` shapes) or a schema file.
 */
export function schemaSourceFrom(schemaOrFolder: string): InputSource {
  let folder = false;
  try {
    folder = fs.statSync(schemaOrFolder).isDirectory();
  } catch {
    // a missing path is reported by loadInputs, naming it
  }
  return folder ? { analysisDir: schemaOrFolder } : { schemaPath: schemaOrFolder };
}
