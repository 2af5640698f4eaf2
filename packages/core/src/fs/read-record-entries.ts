import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { describeIoError, FileError, isFileError } from './file-error.js';
import { type FileLine, readLines } from './read-lines.js';

/** One record read from a records file; `id` only when the file carried one (an envelope). */
export interface RecordFileEntry {
  id: string | undefined;
  data: Record<string, unknown>;
  /** Other keys an envelope sample carried beside `id`, `data` and `synthetic` (e.g. `judge`). */
  extra: Record<string, unknown>;
}

/** What a records file held and in which layout. */
export interface RecordFileContents {
  /** `envelope`: `{metadata?, schema?, samples:[{id, data}]}`; `array`: a JSON array; `jsonl`: one object per line. */
  layout: 'envelope' | 'array' | 'jsonl';
  entries: RecordFileEntry[];
  /** The envelope's `metadata`, when it had one. */
  metadata?: unknown;
  /** The envelope's `schema`, when it had one. */
  schema?: unknown;
}

const recordSchema = z.record(z.string(), z.unknown());
const sampleSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  data: recordSchema,
});
const envelopeSchema = z.looseObject({ samples: z.array(z.unknown()) });

const EXPECTED =
  'Expected a DataSynth/DataRecipe envelope {"samples":[{"id","data"}]}, a JSON array of records, or JSONL (one record per line)';

/**
 * Reads a records file in any layout DataSynth writes or reads: an envelope, a JSON array of
 * objects, or JSONL. JSONL is streamed; a JSON document is parsed once. A file whose first
 * non-blank line is a complete JSON object is JSONL (a one-line envelope is still an envelope).
 *
 * @throws FileError `corrupt` when the content is not records (naming line or item), `io` when unreadable.
 */
export async function readRecordEntries(filePath: string): Promise<RecordFileContents> {
  const resolved = path.resolve(filePath);
  const lines = readLines(resolved);
  try {
    let first: FileLine | undefined;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (stripBom(next.value.text).trim() !== '') {
        first = next.value;
        break;
      }
    }
    if (first === undefined) return { layout: 'jsonl', entries: [] };
    const firstValue = tryParse(stripBom(first.text));
    if (!isPlainObject(firstValue)) {
      await lines.return(undefined);
      return await readJsonDocument(resolved);
    }

    const entries: RecordFileEntry[] = [{ id: undefined, data: firstValue, extra: {} }];
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const line = next.value;
      if (line.text.trim() === '') continue;
      const parsed = recordSchema.safeParse(tryParse(line.text));
      if (!parsed.success) throw notRecords(resolved, `line ${line.number} is not a JSON object`);
      entries.push({ id: undefined, data: parsed.data, extra: {} });
    }
    if (entries.length === 1 && envelopeSchema.safeParse(firstValue).success) {
      return fromEnvelope(resolved, firstValue);
    }
    return { layout: 'jsonl', entries };
  } catch (error) {
    if (isFileError(error)) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FileError(
      'io',
      resolved,
      missing ? `${resolved} does not exist.` : `Could not read ${resolved}: ${describeIoError(error)}.`,
      { cause: error },
    );
  } finally {
    await lines.return(undefined);
  }
}

async function readJsonDocument(filePath: string): Promise<RecordFileContents> {
  const text = stripBom(await readFile(filePath, 'utf8'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notRecords(filePath, `not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(value)) {
    const entries: RecordFileEntry[] = [];
    for (const [index, item] of value.entries()) {
      const parsed = recordSchema.safeParse(item);
      if (!parsed.success) throw notRecords(filePath, `item ${index} of the array is not an object`);
      entries.push({ id: undefined, data: parsed.data, extra: {} });
    }
    return { layout: 'array', entries };
  }
  if (isPlainObject(value) && envelopeSchema.safeParse(value).success) return fromEnvelope(filePath, value);
  throw notRecords(filePath, 'a JSON object without a "samples" array');
}

function fromEnvelope(filePath: string, envelope: Record<string, unknown>): RecordFileContents {
  const samples = envelope.samples as unknown[];
  const entries: RecordFileEntry[] = [];
  for (const [index, sample] of samples.entries()) {
    const parsed = sampleSchema.safeParse(sample);
    if (!parsed.success) throw notRecords(filePath, `samples[${index}] has no "data" object`);
    const { id, data, synthetic: _synthetic, ...extra } = parsed.data;
    entries.push({ id: id === undefined ? undefined : String(id), data, extra });
  }
  const contents: RecordFileContents = { layout: 'envelope', entries };
  if (envelope.metadata !== undefined) contents.metadata = envelope.metadata;
  // DataSynth envelopes embed the schema document as written and their own form under datasynth_schema.
  if (isPlainObject(envelope.datasynth_schema)) {
    contents.schema = { ...envelope.datasynth_schema, document: envelope.schema };
  } else if (envelope.schema !== undefined) {
    contents.schema = envelope.schema;
  }
  return contents;
}

const NOT_JSON = Symbol('not JSON');

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notRecords(filePath: string, reason: string): FileError {
  return new FileError('corrupt', filePath, `${filePath} is not a records file: ${reason}. ${EXPECTED}.`);
}
