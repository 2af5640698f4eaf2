import { isPlainObject, type JsonSchema } from './json-schema.js';
import type { TextLanguage } from './text-generator.js';
import { cjkLetterShare } from './token-count.js';

const requestedCountPattern =
  /(\d{1,4})\s*(?:new\s+|more\s+|additional\s+|distinct\s+|unique\s+)?(?:records?|samples?|examples?|items?|条|个)/i;

/** The number of records a user message asks for (first match of "N records/samples/条…"); 1 when none. */
export function requestedRecordCount(lastUserText: string): number {
  const match = requestedCountPattern.exec(lastUserText);
  const count = match?.[1] ? Number.parseInt(match[1], 10) : 1;
  return Number.isFinite(count) && count > 0 ? count : 1;
}

const jsonValuePattern = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/g;
const requestedValuePatterns: { pattern: RegExp; each: boolean }[] = [
  { pattern: /^- `([^`]+)` of each record, in order: (.+)\.$/gm, each: true },
  { pattern: /^- Set `([^`]+)` to (.+) in every record\.$/gm, each: false },
  { pattern: /^- 各条记录的 `([^`]+)` 依次为：(.+)。$/gm, each: true },
  { pattern: /^- 每条记录的 `([^`]+)` 都设为 (.+)。$/gm, each: false },
];

/**
 * Values a user message asks specific fields to take, in DataSynth's steering wording: per record
 * (`` - `field` of each record, in order: "a", "b". ``) or for all records (`` - Set `field` to "a" in
 * every record. ``), and the Chinese forms. Entry `i` of a list is for record `i`; a single value is
 * for every record.
 */
export function requestedFieldValues(
  lastUserText: string,
): Map<string, { each: boolean; values: unknown[] }> {
  const requested = new Map<string, { each: boolean; values: unknown[] }>();
  for (const { pattern, each } of requestedValuePatterns) {
    for (const match of lastUserText.matchAll(pattern)) {
      const field = match[1];
      const list = match[2];
      if (field === undefined || list === undefined || requested.has(field)) continue;
      const values = [...list.matchAll(jsonValuePattern)].map((token) => JSON.parse(token[0]) as unknown);
      if (values.length > 0) requested.set(field, { each, values: each ? values : values.slice(0, 1) });
    }
  }
  return requested;
}

/** Chinese when at least 20% of the letters of the prompt are CJK, English otherwise. */
export function promptLanguage(promptText: string): TextLanguage {
  return cjkLetterShare(promptText) >= 0.2 ? 'zh' : 'en';
}

/** Default record shape for a plain-text prompt that shows no JSON object. */
export const defaultRecordSchema: JsonSchema = {
  type: 'object',
  properties: { instruction: { type: 'string' }, output: { type: 'string' } },
  required: ['instruction', 'output'],
};

/**
 * The record shape a plain-text prompt shows: the first JSON object literal that is not a JSON
 * Schema (normally a seed example), turned into a schema of the same keys and value types. When
 * the prompt only shows a JSON Schema, that schema (or its `records` items) is used.
 */
export function recordSchemaFromPrompt(texts: readonly string[]): JsonSchema {
  let schemaSeen: JsonSchema | undefined;
  for (const text of texts) {
    for (const literal of jsonObjectLiterals(text)) {
      if (looksLikeJsonSchema(literal)) {
        schemaSeen ??= literal;
        continue;
      }
      const fromFields = dataRecipeFieldsSchema(literal);
      if (fromFields) {
        schemaSeen ??= fromFields;
        continue;
      }
      return schemaOfValue(unwrapRecordList(literal)) as JsonSchema;
    }
  }
  if (schemaSeen) {
    const records = isPlainObject(schemaSeen.properties) ? schemaSeen.properties.records : undefined;
    if (isPlainObject(records) && isPlainObject(records.items)) return records.items;
    return schemaSeen;
  }
  return defaultRecordSchema;
}

/** `{"samples": [{…}, …]}` and the like: the first listed object is the record. */
function unwrapRecordList(value: Record<string, unknown>): unknown {
  const entries = Object.values(value);
  const only = entries.length === 1 ? entries[0] : undefined;
  return Array.isArray(only) && isPlainObject(only[0]) ? only[0] : value;
}

/** A DataRecipe `DATA_SCHEMA.json` (`fields: [{name, type, constraints}]`) as a JSON Schema. */
function dataRecipeFieldsSchema(value: Record<string, unknown>): JsonSchema | undefined {
  if (!Array.isArray(value.fields) || value.fields.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  for (const field of value.fields) {
    if (!isPlainObject(field) || typeof field.name !== 'string' || typeof field.type !== 'string')
      return undefined;
    const type = /int/i.test(field.type)
      ? 'integer'
      : /float|number|double/i.test(field.type)
        ? 'number'
        : /bool/i.test(field.type)
          ? 'boolean'
          : /list|array/i.test(field.type)
            ? 'array'
            : 'string';
    const property: Record<string, unknown> =
      type === 'array' ? { type, items: { type: 'string' } } : { type };
    const constraints = isPlainObject(field.constraints) ? field.constraints : {};
    if (Array.isArray(constraints.enum)) property.enum = constraints.enum;
    properties[field.name] = property;
  }
  return { type: 'object', properties, required: Object.keys(properties) };
}

function looksLikeJsonSchema(value: Record<string, unknown>): boolean {
  return (
    '$schema' in value ||
    (typeof value.type === 'string' && (isPlainObject(value.properties) || value.items !== undefined))
  );
}

function schemaOfValue(value: unknown): unknown {
  if (typeof value === 'string' || value === null) return { type: 'string' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { type: 'integer', minimum: 0, maximum: 1000 } : { type: 'number' };
  }
  if (Array.isArray(value)) {
    const first = value.find((entry) => entry !== null);
    return {
      type: 'array',
      items: first === undefined ? { type: 'string' } : schemaOfValue(first),
      minItems: 1,
      maxItems: 3,
    };
  }
  if (isPlainObject(value)) {
    const properties: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) properties[key] = schemaOfValue(entry);
    return { type: 'object', properties, required: Object.keys(properties) };
  }
  return { type: 'string' };
}

/** Every balanced `{…}` in a text that parses as a JSON object, in order of appearance. */
function* jsonObjectLiterals(text: string): Generator<Record<string, unknown>> {
  let start = text.indexOf('{');
  while (start !== -1) {
    const end = matchingBrace(text, start);
    if (end !== -1) {
      try {
        const parsed: unknown = JSON.parse(text.slice(start, end + 1));
        if (isPlainObject(parsed) && Object.keys(parsed).length > 0) {
          yield parsed;
          start = text.indexOf('{', end + 1);
          continue;
        }
      } catch {
        // Not JSON (e.g. a template placeholder): look at the next brace.
      }
    }
    start = text.indexOf('{', start + 1);
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}
