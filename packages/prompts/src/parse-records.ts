import { jsonrepair } from 'jsonrepair';
import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import { fencedBlocks } from './fenced-blocks.js';
import { isJsonObject, type JsonObject, jsonTypeName, snippetOf } from './json-value.js';
import { unwrapSample } from './sample-wrapper.js';
import { scanJsonValues } from './scan-json-values.js';

/** Something found in the reply that did not become a record, and why. */
export interface DroppedItem {
  reason: string;
  snippet?: string;
}

/** Records extracted from a model reply. */
export interface ParseResult {
  records: Record<string, unknown>[];
  dropped: DroppedItem[];
  /** The reply was cut off inside the JSON; every complete record before the cut is in `records`. */
  truncated: boolean;
}

// Keys under which replies and files wrap their record lists: {records: [...]}, {samples: [...]}.
const ENVELOPE_KEYS = ['records', 'samples', 'data', 'items', 'results'];
const ENVELOPE_COMPANIONS = new Set(['metadata', 'schema', 'count', 'total']);
const JSON_FENCE_LANGUAGES = new Set(['', 'json', 'jsonl', 'ndjson', 'json5', 'jsonc', 'javascript', 'js']);
const TRUNCATED_REASON = 'truncated: the reply ends inside this record';

interface Candidate {
  value: unknown;
  /** Needed jsonrepair to parse: a repaired candidate without any object is prose, not data. */
  repaired: boolean;
  /** Already one array element or envelope item: never expanded further. */
  single: boolean;
}

interface Sink {
  fieldNames?: ReadonlySet<string>;
  candidates: Candidate[];
  dropped: DroppedItem[];
  truncated: boolean;
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** JSON.parse, then jsonrepair for near-JSON (comments, trailing commas, smart or single quotes, …). */
function parseLenient(text: string): { value: unknown; repaired: boolean } | { error: string } {
  try {
    return { value: JSON.parse(text), repaired: false };
  } catch (strictError) {
    try {
      return { value: JSON.parse(jsonrepair(text)), repaired: true };
    } catch {
      return { error: errorText(strictError) };
    }
  }
}

function looksLikeJson(text: string): boolean {
  return /["'“”‘’]\s*:/.test(text) || /:\s*["'“”‘’\d[{]/.test(text);
}

function parseElement(text: string, sink: Sink): void {
  const parsed = parseLenient(text);
  if ('error' in parsed)
    sink.dropped.push({ reason: `invalid JSON: ${parsed.error}`, snippet: snippetOf(text) });
  else sink.candidates.push({ value: parsed.value, repaired: parsed.repaired, single: true });
}

function parseSpan(text: string, sink: Sink): void {
  const parsed = parseLenient(text);
  if (!('error' in parsed)) {
    sink.candidates.push({ value: parsed.value, repaired: parsed.repaired, single: false });
    return;
  }
  if (text.startsWith('[')) {
    // The array as a whole is beyond repair: take its elements one by one, so one bad record costs one record.
    const body = text.slice(1, -1);
    const elements = scanJsonValues(body, { insideContainer: true });
    if (elements.complete.length > 0) {
      for (const span of elements.complete) parseElement(body.slice(span.start, span.end), sink);
      return;
    }
  }
  if (looksLikeJson(text))
    sink.dropped.push({ reason: `invalid JSON: ${parsed.error}`, snippet: snippetOf(text) });
}

function envelopeKey(key: string, sink: Sink): boolean {
  return ENVELOPE_KEYS.includes(key) && !(sink.fieldNames?.has(key) ?? false);
}

/** Keeps every complete record of a container the reply was cut off inside. */
function salvage(text: string, openStart: number, sink: Sink): void {
  const opener = text[openStart];
  const body = text.slice(openStart + 1);
  const inner = scanJsonValues(body, { insideContainer: true });
  if (opener === '[') {
    for (const span of inner.complete) parseElement(body.slice(span.start, span.end), sink);
    if (inner.openStart !== undefined) {
      sink.dropped.push({ reason: TRUNCATED_REASON, snippet: snippetOf(body.slice(inner.openStart)) });
    }
    return;
  }
  if (inner.openStart !== undefined && body[inner.openStart] === '[') {
    const key = /["'“”‘’]?([A-Za-z_][\w-]*)["'“”‘’]?\s*:\s*$/.exec(body.slice(0, inner.openStart))?.[1];
    if (key !== undefined && envelopeKey(key, sink)) {
      salvage(body, inner.openStart, sink);
      return;
    }
  }
  sink.dropped.push({ reason: TRUNCATED_REASON, snippet: snippetOf(text.slice(openStart)) });
}

function scanRegion(region: string, sink: Sink): void {
  const trimmed = region.trim();
  if (trimmed === '') return;
  try {
    sink.candidates.push({ value: JSON.parse(trimmed), repaired: false, single: false });
    return;
  } catch {
    // Not one clean JSON document: look for JSON inside it.
  }
  const scan = scanJsonValues(trimmed, { insideContainer: false });
  for (const span of scan.complete) parseSpan(trimmed.slice(span.start, span.end), sink);
  // An unclosed bracket in prose ("more to come {") is not a cut-off reply; an unclosed JSON value is.
  const tail = scan.openStart === undefined ? '' : trimmed.slice(scan.openStart);
  if (scan.openStart !== undefined && (looksLikeJson(tail) || /^(?:\[\s*[[{]|\{\s*["'“‘])/.test(tail))) {
    sink.truncated = true;
    salvage(trimmed, scan.openStart, sink);
  }
}

function collectFromText(text: string, sink: Sink): void {
  const trimmed = text.trim();
  if (trimmed === '') {
    sink.dropped.push({ reason: 'empty reply' });
    return;
  }
  try {
    sink.candidates.push({ value: JSON.parse(trimmed), repaired: false, single: false });
    return;
  } catch {
    // Prose, fences, several values or near-JSON: handled below.
  }
  const blocks = fencedBlocks(trimmed);
  const jsonBlocks = blocks.filter((block) => JSON_FENCE_LANGUAGES.has(block.language));
  const chosen = jsonBlocks.length > 0 ? jsonBlocks : blocks;
  const before = sink.candidates.length + sink.dropped.length;
  for (const block of chosen) scanRegion(block.body, sink);
  if (chosen.length === 0 || sink.candidates.length + sink.dropped.length === before)
    scanRegion(trimmed, sink);
}

function containsObject(value: unknown): boolean {
  return isJsonObject(value) || (Array.isArray(value) && value.some(isJsonObject));
}

function envelopeItems(value: JsonObject, sink: Sink): unknown[] | string | undefined {
  const keys = Object.keys(value);
  if (sink.fieldNames && keys.some((key) => sink.fieldNames?.has(key))) return undefined;
  const listKeys = keys.filter(
    (key) => envelopeKey(key, sink) && (Array.isArray(value[key]) || typeof value[key] === 'string'),
  );
  if (listKeys.length !== 1) return undefined;
  const listKey = listKeys[0] as string;
  const others = keys.filter((key) => key !== listKey);
  if (!sink.fieldNames && !others.every((key) => ENVELOPE_COMPANIONS.has(key))) return undefined;
  const list = value[listKey];
  // Some models put the array into the envelope as a JSON string.
  if (typeof list === 'string') return /^\s*\[/.test(list) ? list : undefined;
  return list as unknown[];
}

function expand(candidate: Candidate, items: unknown[], sink: Sink): void {
  const { value } = candidate;
  if (candidate.single) {
    items.push(value);
    return;
  }
  if (Array.isArray(value)) {
    items.push(...value);
    return;
  }
  if (isJsonObject(value)) {
    const inner = envelopeItems(value, sink);
    if (inner === undefined) items.push(value);
    else if (typeof inner === 'string') {
      const nested: Sink = { ...sink, candidates: [], dropped: sink.dropped };
      collectFromText(inner, nested);
      sink.truncated ||= nested.truncated;
      for (const nestedCandidate of nested.candidates) expand(nestedCandidate, items, nested);
    } else {
      items.push(...inner);
    }
    return;
  }
  items.push(value);
}

/** Strict structured output sends optional fields as null; an absent optional field is what they mean. */
function withoutStrictNulls(record: JsonObject, fields: FieldSpec[]): JsonObject {
  let result = record;
  for (const field of fields) {
    const value = result[field.name];
    if (value === null && !field.required && !field.nullable) {
      if (result === record) result = { ...record };
      delete result[field.name];
    } else if (field.type === 'object' && field.fields && isJsonObject(value)) {
      const cleaned = withoutStrictNulls(value, field.fields);
      if (cleaned !== value) result = { ...result, [field.name]: cleaned };
    } else if (field.type === 'array' && field.items?.fields && Array.isArray(value)) {
      const itemFields = field.items.fields;
      const cleaned = value.map((item) => (isJsonObject(item) ? withoutStrictNulls(item, itemFields) : item));
      if (cleaned.some((item, index) => item !== value[index])) result = { ...result, [field.name]: cleaned };
    }
  }
  return result;
}

/**
 * Extracts records from a model reply: a structured-output object (`{records:[…]}`, `{samples:[…]}`, an
 * array, a single object) or text — fenced JSON (one or several fences), prose around JSON, bare arrays,
 * single objects, several loose objects in a row, near-JSON (repaired with jsonrepair), and truncated
 * output (every complete record kept, `truncated: true`). `{id, data}` sample wrappers are unwrapped.
 * With a schema, objects with no schema field at all are dropped with a reason. Constraints are NOT
 * checked here: validate the records separately (`createValidator`).
 */
export function parseRecords(input: string | unknown, schema?: DatasetSchema): ParseResult {
  const sink: Sink = { candidates: [], dropped: [], truncated: false };
  if (schema) sink.fieldNames = new Set(schema.fields.map((field) => field.name));

  if (typeof input === 'string') collectFromText(input, sink);
  else if (input === undefined || input === null)
    sink.dropped.push({ reason: 'no structured output in the reply' });
  else sink.candidates.push({ value: input, repaired: false, single: false });

  const anyObjects = sink.candidates.some((candidate) => containsObject(candidate.value));
  const items: unknown[] = [];
  for (const candidate of sink.candidates) {
    // Bracketed prose ("[see below]", "[1]") next to real records is not a failed record.
    if (!candidate.single && !containsObject(candidate.value) && (candidate.repaired || anyObjects)) continue;
    expand(candidate, items, sink);
  }

  const records: Record<string, unknown>[] = [];
  const fieldList = schema ? [...(sink.fieldNames ?? [])].join(', ') : '';
  for (const item of items) {
    if (!isJsonObject(item)) {
      sink.dropped.push({
        reason: `not a JSON object (got ${jsonTypeName(item)})`,
        snippet: snippetOf(item),
      });
      continue;
    }
    const record = unwrapSample(item, sink.fieldNames);
    if (Object.keys(record).length === 0) {
      sink.dropped.push({ reason: 'empty object', snippet: '{}' });
      continue;
    }
    if (schema && !Object.keys(record).some((key) => sink.fieldNames?.has(key))) {
      sink.dropped.push({
        reason: `no schema field (expected some of: ${fieldList})`,
        snippet: snippetOf(record),
      });
      continue;
    }
    records.push(schema ? withoutStrictNulls(record, schema.fields) : record);
  }
  if (records.length === 0 && sink.dropped.length === 0) {
    const reason =
      sink.candidates.length > 0
        ? 'the reply holds no records'
        : typeof input === 'string'
          ? 'no JSON found in the reply'
          : 'no records in the structured output';
    sink.dropped.push({ reason, snippet: snippetOf(input) });
  }
  return { records, dropped: sink.dropped, truncated: sink.truncated };
}
