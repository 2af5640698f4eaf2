import path from 'node:path';
import type { DataType } from '@datasynth/prompts';
import { SynthesisError } from '../errors/synthesis-error.js';
import type { RecordFileEntry } from '../fs/index.js';
import { pathExists } from '../fs/index.js';
import { checkOutputTarget } from '../preflight/check-output-target.js';
import { nextRecordId } from '../records/next-record-id.js';
import type { RecordEntry } from '../records/record-entry.js';
import { type FieldRoles, inferFieldRoles } from './field-roles.js';
import { formatForPath } from './format-for-path.js';
import { OutputError } from './output-error.js';
import { assertOutputFormat, type OutputFormat } from './output-format.js';
import { readRecords } from './read-records.js';
import { type EnvelopeMetadata, type OutputSchema, writeOutput } from './write-output.js';

/** Options for `convertFile`. */
export interface ConvertFileOptions {
  /** A records file: envelope, JSON array or JSONL. */
  input: string;
  /** Where to write; refused when it exists unless `overwrite`. */
  output: string;
  format: OutputFormat;
  /** The dataset schema; default: the input envelope's schema, else the fields the records use. */
  schema?: OutputSchema;
  /** Default: the envelope's `metadata.data_type`, else guessed from the field names. */
  dataType?: DataType;
  /** Replace an existing output. Converting a file onto itself is safe (it is read whole first). */
  overwrite?: boolean;
  /** Largest input file accepted, in bytes (default 64 MiB). */
  maxInputBytes?: number;
}

const DATA_TYPES: readonly string[] = ['instruction', 'preference', 'multi-turn', 'generic'];

/**
 * Converts a records file to another format (see `writeOutput`), keeping envelope ids (others
 * get `SYNTH_0001` …) and, for `json`, the input envelope's metadata.
 *
 * @throws OutputError `exists` when the output exists and `overwrite` is not set (checked before reading),
 *   `unreadable`, `unmappable`, `unsupported_format`, `io`.
 */
export async function convertFile(
  options: ConvertFileOptions,
): Promise<{ count: number; warnings: string[] }> {
  assertOutputFormat(options.format);
  const output = checkConvertTarget(options.output, options.format);
  if (options.overwrite !== true && (await exists(output))) {
    throw new OutputError(
      'exists',
      `Output ${output} already exists; set the overwrite option to replace it.`,
      {
        path: output,
      },
    );
  }
  const contents = await readRecords(options.input, {
    ...(options.maxInputBytes !== undefined && { maxInputBytes: options.maxInputBytes }),
  });
  const envelopeMetadata = isPlainObject(contents.metadata) ? contents.metadata : undefined;
  const schema = options.schema ?? asOutputSchema(contents.schema) ?? schemaFromRecords(contents.entries);
  const declaredType = envelopeMetadata?.data_type;
  const dataType =
    options.dataType ??
    (typeof declaredType === 'string' && DATA_TYPES.includes(declaredType)
      ? (declaredType as DataType)
      : guessDataType(inferFieldRoles(schema, 'generic')));
  const entries: RecordEntry[] = contents.entries.map((entry, index) => ({
    id: entry.id ?? nextRecordId(index),
    data: entry.data,
    ...entry.extra,
  }));
  const metadata: EnvelopeMetadata = envelopeMetadata ?? {};
  const written = await writeOutput({
    path: output,
    format: options.format,
    entries,
    schema,
    dataType,
    metadata,
  });
  return { count: written.count, warnings: written.warnings };
}

function guessDataType(roles: FieldRoles): DataType {
  if (roles.conversation !== undefined) return 'multi-turn';
  if (roles.chosen !== undefined && roles.rejected !== undefined) return 'preference';
  if (roles.instruction !== undefined && roles.output !== undefined) return 'instruction';
  return 'generic';
}

function asOutputSchema(value: unknown): OutputSchema | undefined {
  if (!isPlainObject(value) || !Array.isArray(value.fields)) return undefined;
  const named = value.fields.every(
    (field: unknown) => isPlainObject(field) && typeof field.name === 'string',
  );
  return named ? (value as OutputSchema) : undefined;
}

/** The fields the records use, in order of first appearance, typed by their first non-null value. */
function schemaFromRecords(entries: RecordFileEntry[]): OutputSchema {
  const types = new Map<string, string | undefined>();
  for (const { data } of entries) {
    for (const [name, value] of Object.entries(data)) {
      if (types.get(name) === undefined) types.set(name, jsonTypeOf(value));
    }
  }
  return { fields: [...types].map(([name, type]) => ({ name, type: type ?? 'string' })) };
}

function jsonTypeOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
    return typeof value;
  return 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exists(file: string): Promise<boolean> {
  return pathExists(
    file,
    (cause) =>
      new OutputError('io', `Could not check ${file}: ${(cause as Error).message}`, { path: file, cause }),
  );
}

/**
 * The preflight's output rules (a regular file or absent, not under /proc or /sys, a writable
 * folder; the format fits the extension), as `OutputError`s. The input may be the output itself:
 * it is read whole before the atomic replace.
 */
function checkConvertTarget(output: string, format: OutputFormat): string {
  formatForPath(output, format);
  try {
    return checkOutputTarget(output);
  } catch (error) {
    if (SynthesisError.isInstance(error)) {
      throw new OutputError('invalid_target', error.message, { path: path.resolve(output), cause: error });
    }
    throw error;
  }
}
