import fs from 'node:fs';
import path from 'node:path';
import type { InputSource } from '@datasynth/core';
import { z } from 'zod';
import type { PathPolicy } from '../path-policy.js';
import { ToolError } from '../tool-error.js';

/**
 * The files core reads or writes inside a DataRecipe analysis folder (DataRecipe's own layout).
 * Each is checked against the root too, so a symlink planted inside the folder cannot pull a file
 * from outside into a prompt, nor send the output elsewhere.
 */
const DATARECIPE_ENTRIES = [
  '04_复刻指南/DATA_SCHEMA.json',
  '09_样例数据/samples.json',
  '03_标注规范/ANNOTATION_SPEC.md',
  '11_合成数据',
] as const;

/**
 * The DataRecipe folder whose default output `output` is (`<dir>/11_合成数据/<file>` with the
 * folder's schema beside it), so a run known only from its files can be resumed from it.
 */
export function dataRecipeFolderOf(output: string): string | undefined {
  const outputDir = path.dirname(output);
  if (path.basename(outputDir) !== '11_合成数据') return undefined;
  const dir = path.dirname(outputDir);
  return exists(path.join(dir, '04_复刻指南', 'DATA_SCHEMA.json')) ? dir : undefined;
}

/** Tool arguments naming a run's inputs: a DataRecipe folder, or a schema and/or seed file. */
export const inputSourceShape = {
  analysis_dir: z
    .string()
    .optional()
    .describe(
      'DataRecipe analysis folder (holds 04_复刻指南/DATA_SCHEMA.json and 09_样例数据/samples.json). Relative to the server root.',
    ),
  schema_path: z
    .string()
    .optional()
    .describe(
      'Schema file instead of analysis_dir: a DataRecipe DATA_SCHEMA.json, a JSON Schema of one record, or a field list.',
    ),
  seeds_path: z
    .string()
    .optional()
    .describe(
      'Seed records instead of analysis_dir: JSON array, JSONL, DataRecipe samples.json or a DataSynth output.',
    ),
};

/** The parsed values of {@link inputSourceShape}. */
export interface InputSourceArguments {
  analysis_dir?: string | undefined;
  schema_path?: string | undefined;
  seeds_path?: string | undefined;
}

/**
 * Turns the input arguments into core's `InputSource`, every path resolved and checked against the
 * root. `undefined` when none was given and `required` is false.
 */
export function resolveInputSource(
  args: InputSourceArguments,
  policy: PathPolicy,
  options: { required: true },
): InputSource;
export function resolveInputSource(
  args: InputSourceArguments,
  policy: PathPolicy,
  options: { required: boolean },
): InputSource | undefined;
export function resolveInputSource(
  args: InputSourceArguments,
  policy: PathPolicy,
  options: { required: boolean },
): InputSource | undefined {
  const { analysis_dir: analysisDir, schema_path: schemaPath, seeds_path: seedsPath } = args;
  if (analysisDir !== undefined) {
    if (schemaPath !== undefined || seedsPath !== undefined) {
      throw new ToolError(
        'invalid_arguments',
        'Give either analysis_dir, or schema_path and/or seeds_path, not both: a DataRecipe folder brings its own schema and seeds.',
      );
    }
    const dir = policy.resolveInput(analysisDir, 'analysis_dir');
    for (const entry of DATARECIPE_ENTRIES) {
      const inside = path.join(dir, entry);
      if (exists(inside)) policy.resolveInput(inside, `analysis_dir entry ${entry}`);
    }
    return { analysisDir: dir };
  }
  if (schemaPath === undefined && seedsPath === undefined) {
    if (!options.required) return undefined;
    throw new ToolError(
      'invalid_arguments',
      'Say what to learn the data shape from: analysis_dir (a DataRecipe folder), or schema_path and/or seeds_path.',
    );
  }
  return {
    ...(schemaPath !== undefined && { schemaPath: policy.resolveInput(schemaPath, 'schema_path') }),
    ...(seedsPath !== undefined && { seedsPath: policy.resolveInput(seedsPath, 'seeds_path') }),
  };
}

function exists(target: string): boolean {
  try {
    fs.lstatSync(target);
    return true;
  } catch {
    return false;
  }
}
