import path from 'node:path';
import type { DataType } from '@datasynth/prompts';
import { isFileError, writeFileAtomic } from '../fs/index.js';
import type { RecordEntry } from '../records/record-entry.js';
import { withIdentifiers } from './assign-identifiers.js';
import { type FieldRoles, inferFieldRoles } from './field-roles.js';
import { formatForPath } from './format-for-path.js';
import { fieldsUsedBy, mapRecord, type RecordMapping, resolveRecordMapping } from './map-record-to-format.js';
import { OutputError } from './output-error.js';
import { assertOutputFormat, type OutputFormat } from './output-format.js';
import { stripSecretKeys } from './strip-secret-keys.js';

/**
 * What the `json` envelope says about the run (model, provider, temperature, seed count, counts,
 * usage, cost, duration, version …), as the caller gives it. Keys that look like credentials
 * (`apiKey`, `secret`, `password`, `authorization` …) are removed, with a warning.
 */
export interface EnvelopeMetadata {
  [key: string]: unknown;
}

/**
 * A dataset schema as outputs need it: the field names, plus anything else to copy into the envelope.
 * With `document` (the schema file as it was read), the envelope's `schema` is that document and the rest
 * goes under `datasynth_schema`; `identifiers` are filled in on every record (see `assignIdentifiers`).
 */
export type OutputSchema = { fields: { name: string }[] } & Record<string, unknown>;

/** Options for `writeOutput`. */
export interface WriteOutputOptions {
  /** Where to write; the parent directory is created. Replaced atomically. */
  path: string;
  format: OutputFormat;
  /** The records, in order (usually everything the journal holds; `readJournalEntries` streams them). */
  entries: Iterable<RecordEntry> | AsyncIterable<RecordEntry>;
  /** Copied into the `json` envelope; its field names drive the alpaca/sharegpt/openai mapping. */
  schema: OutputSchema;
  dataType: DataType;
  /** Copied into the `json` envelope. */
  metadata: EnvelopeMetadata;
}

/** What `writeOutput` wrote. */
export interface WriteOutputResult {
  /** The absolute path written. */
  path: string;
  /** How many records the file holds. */
  count: number;
  /** Things the user should know (fields dropped, records left out), one sentence each. */
  warnings: string[];
}

const WARN_IDS = 5;

/**
 * Writes the final output from journal entries, atomically (temp file, fsync, rename):
 * `json` → the DataRecipe envelope `{metadata, schema, samples:[{id, data, synthetic: true}]}`
 * (ids and extra entry keys kept; `schema` is the schema document as DataRecipe wrote it, when known,
 * with DataSynth's own form beside it as `datasynth_schema`), identifier fields filled in `data` for
 * `json` and `jsonl`, `jsonl` → one `data` object per line, `alpaca` / `sharegpt` /
 * `openai` → mapped as `mapRecordToFormat` documents. UTF-8 throughout, CJK never `\u`-escaped.
 *
 * @throws OutputError `unmappable` when the schema's fields fit no mapping for the format (nothing is written),
 *   `format_mismatch` when the format contradicts the extension (see `formatForPath`), `unsupported_format`, or `io`.
 */
export async function writeOutput(options: WriteOutputOptions): Promise<WriteOutputResult> {
  const target = path.resolve(options.path);
  assertOutputFormat(options.format);
  formatForPath(target, options.format);
  const warnings: string[] = [];
  if (options.format === 'json') {
    const metadata = stripSecretKeys(options.metadata ?? {});
    if (metadata.removed.length > 0) {
      warnings.push(`Left out metadata that looked like credentials: ${metadata.removed.join(', ')}.`);
    }
    const counted = countEntries(withIdentifiers(options.entries, options.schema));
    await write(target, envelopeChunks(metadata.value, options.schema, counted.entries));
    return { path: target, count: counted.count(), warnings };
  }
  if (options.format === 'jsonl') {
    const counted = countEntries(withIdentifiers(options.entries, options.schema));
    await write(target, jsonLines(dataOf(counted.entries)));
    return { path: target, count: counted.count(), warnings };
  }
  const mapped = new MappedRecords(options, options.format);
  await write(
    target,
    options.format === 'alpaca' ? jsonArrayChunks(mapped.records()) : jsonLines(mapped.records()),
  );
  return { path: target, count: mapped.count, warnings: [...warnings, ...mapped.warnings()] };
}

async function write(target: string, content: AsyncIterable<string>): Promise<void> {
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
    if (isFileError(error)) throw new OutputError('io', error.message, { path: target, cause: error });
    throw error;
  }
}

/** `JSON.stringify(value, null, 2)` nested `depth` levels deep (JSON text has no raw newlines in strings). */
function pretty(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

type Entries = Iterable<RecordEntry> | AsyncIterable<RecordEntry>;

/** Passes entries through while counting them. */
function countEntries(entries: Entries): { entries: AsyncGenerator<RecordEntry>; count: () => number } {
  let count = 0;
  return {
    entries: (async function* counting() {
      for await (const entry of entries) {
        count += 1;
        yield entry;
      }
    })(),
    count: () => count,
  };
}

async function* dataOf(entries: AsyncIterable<RecordEntry>): AsyncGenerator<Record<string, unknown>> {
  for await (const entry of entries) yield entry.data;
}

/** The envelope, byte for byte as `JSON.stringify(envelope, null, 2)`, one sample at a time. */
async function* envelopeChunks(
  metadata: unknown,
  schema: OutputSchema,
  entries: Entries,
): AsyncGenerator<string> {
  const { document, ...ours } = schema;
  const embedded =
    typeof document === 'object' && document !== null
      ? `"schema": ${pretty(document, 1)},\n  "datasynth_schema": ${pretty(ours, 1)}`
      : `"schema": ${pretty(ours, 1)}`;
  yield `{\n  "metadata": ${pretty(metadata, 1)},\n  ${embedded},\n  "samples": `;
  yield* jsonArrayItems(
    (async function* samples() {
      for await (const { id, data, synthetic: _synthetic, ...extra } of entries)
        yield { id, data, synthetic: true, ...extra };
    })(),
    1,
  );
  yield '\n}\n';
}

async function* jsonArrayChunks(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  yield* jsonArrayItems(items, 0);
  yield '\n';
}

async function* jsonArrayItems(items: AsyncIterable<unknown>, depth: number): AsyncGenerator<string> {
  const indent = '  '.repeat(depth + 1);
  let first = true;
  for await (const item of items) {
    yield `${first ? '[' : ','}\n${indent}${pretty(item, depth + 1)}`;
    first = false;
  }
  yield first ? '[]' : `\n${'  '.repeat(depth)}]`;
}

async function* jsonLines(records: AsyncIterable<unknown>): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

/** Maps entries lazily while the file is written, keeping what the warnings need. */
class MappedRecords {
  count = 0;
  readonly #options: WriteOutputOptions;
  readonly #format: 'alpaca' | 'sharegpt' | 'openai';
  readonly #roles: FieldRoles;
  readonly #mapping: RecordMapping;
  readonly #skipped: string[] = [];
  #firstProblem = '';
  #trailingDropped = 0;
  /** Records that held a list of examples, and the examples written from them. */
  #expanded = { records: 0, examples: 0 };

  constructor(options: WriteOutputOptions, format: 'alpaca' | 'sharegpt' | 'openai') {
    this.#options = options;
    this.#format = format;
    this.#roles = inferFieldRoles(options.schema, options.dataType);
    this.#mapping = resolveRecordMapping(
      this.#roles,
      format,
      options.schema.fields.map((field) => field.name),
    );
  }

  async *records(): AsyncGenerator<Record<string, unknown>> {
    for await (const entry of this.#options.entries) {
      const outcome = mapRecord(entry.data, this.#format, this.#mapping, this.#roles);
      if ('problem' in outcome) {
        if (this.#skipped.length === 0) this.#firstProblem = `${entry.id}: ${outcome.problem}`;
        this.#skipped.push(entry.id);
        continue;
      }
      if (outcome.droppedTrailingTurns) this.#trailingDropped += 1;
      if (this.#mapping === 'examples') {
        this.#expanded.records += 1;
        this.#expanded.examples += outcome.records.length;
      }
      this.count += outcome.records.length;
      yield* outcome.records;
    }
  }

  warnings(): string[] {
    const warnings: string[] = [];
    const format = this.#format;
    const used = new Set(fieldsUsedBy(this.#mapping, this.#roles));
    const dropped = this.#options.schema.fields.map((field) => field.name).filter((name) => !used.has(name));
    if (dropped.length > 0) {
      warnings.push(
        `The ${format} format has no place for ${dropped.map((name) => `'${name}'`).join(', ')}: left out of every record. Write the json or jsonl format to keep ${dropped.length === 1 ? 'it' : 'them'}.`,
      );
    }
    if (this.#expanded.records > 0) {
      warnings.push(
        `${this.#expanded.records} record(s) held a list of examples in '${this.#roles.examples}': written as ${this.#expanded.examples} ${format} examples, one per item.`,
      );
    }
    if (this.#mapping === 'preference' && this.#roles.rejected !== undefined) {
      warnings.push(
        `The ${format} format keeps only the chosen response; the '${this.#roles.rejected}' field was left out. Write the json or jsonl format to keep it.`,
      );
    }
    if (this.#trailingDropped > 0) {
      warnings.push(
        `${this.#trailingDropped} conversation(s) ended after the last assistant reply; alpaca has no place for those turns, so they were left out.`,
      );
    }
    const skipped = this.#skipped;
    if (skipped.length > 0) {
      const more = skipped.length > WARN_IDS ? ` and ${skipped.length - WARN_IDS} more` : '';
      warnings.push(
        `${skipped.length} record(s) could not be written as ${format} and were left out (${skipped.slice(0, WARN_IDS).join(', ')}${more}); first problem: ${this.#firstProblem}. Write the json or jsonl format to keep them.`,
      );
    }
    return warnings;
  }
}
