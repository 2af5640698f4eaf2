import { z } from 'zod';
import { assertJsonDepth } from './json-depth.js';
import { isJsonObject, jsonTypeName } from './json-value.js';
import { PromptsError } from './prompts-error.js';
import { unwrapSample } from './sample-wrapper.js';

// {samples: [...]} — DataRecipe samples.json and the DataSynth envelope {metadata, schema, samples}.
const samplesEnvelope = z.looseObject({ samples: z.array(z.unknown()) });
const recordsEnvelope = z.looseObject({ records: z.array(z.unknown()) });
const seedRecord = z.record(z.string(), z.unknown());

function prefix(file: string | undefined): string {
  return file === undefined ? '' : `${file}: `;
}

function toRecord(value: unknown, where: string, file: string | undefined): Record<string, unknown> {
  assertJsonDepth(value, {
    what: `seed record (${where})`,
    code: 'too_deep',
    ...(file !== undefined && { file }),
  });
  const parsed = seedRecord.safeParse(value);
  if (!parsed.success || !isJsonObject(value)) {
    throw new PromptsError(
      'seeds_invalid',
      `${prefix(file)}${where} is ${jsonTypeName(value)}, expected a JSON object (one record)`,
      file === undefined ? undefined : { file },
    );
  }
  return unwrapSample(parsed.data);
}

function fromJson(value: unknown, file: string | undefined): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map((item, index) => toRecord(item, `item ${index}`, file));
  const samples = samplesEnvelope.safeParse(value);
  if (samples.success)
    return samples.data.samples.map((item, index) => toRecord(item, `samples[${index}]`, file));
  const records = recordsEnvelope.safeParse(value);
  if (records.success)
    return records.data.records.map((item, index) => toRecord(item, `records[${index}]`, file));
  return [toRecord(value, 'the document', file)];
}

function fromJsonLines(text: string, file: string | undefined): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new PromptsError(
        'seeds_invalid',
        `${prefix(file)}line ${index + 1}: invalid JSON (${reason})`,
        file === undefined ? { cause } : { file, cause },
      );
    }
    records.push(toRecord(value, `line ${index + 1}`, file));
  });
  return records;
}

/**
 * Reads seed records from text: a JSON array, JSONL (blank lines and CRLF tolerated), DataRecipe samples.json
 * ({samples:[{id, data}]}), or a DataSynth envelope ({metadata, schema, samples:[{id, data, synthetic}]}).
 * Sample wrappers are unwrapped to their `data`. Throws PromptsError('seeds_invalid') naming the line or
 * item at fault, or PromptsError('no_records') when there are none.
 */
export function parseSeeds(text: string, options?: { file?: string }): Record<string, unknown>[] {
  const file = options?.file;
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  if (body === '') {
    throw new PromptsError(
      'no_records',
      `${prefix(file)}no seed records (empty)`,
      file === undefined ? undefined : { file },
    );
  }
  let records: Record<string, unknown>[];
  let whole: unknown;
  let wholeError: unknown;
  try {
    whole = JSON.parse(body);
  } catch (cause) {
    wholeError = cause;
  }
  if (wholeError === undefined) {
    records = fromJson(whole, file);
  } else if (body.startsWith('{') && /\r?\n/.test(body)) {
    records = fromJsonLines(body, file);
  } else {
    const reason = wholeError instanceof Error ? wholeError.message : String(wholeError);
    throw new PromptsError(
      'seeds_invalid',
      `${prefix(file)}not valid JSON or JSONL (${reason})`,
      file === undefined ? { cause: wholeError } : { file, cause: wholeError },
    );
  }
  if (records.length === 0) {
    throw new PromptsError(
      'no_records',
      `${prefix(file)}no seed records`,
      file === undefined ? undefined : { file },
    );
  }
  return records;
}
