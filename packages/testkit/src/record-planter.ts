import { isPlainObject, type JsonSchema, propertiesOf, requiredKeys, schemaType } from './json-schema.js';
import type { SchemaValueGenerator } from './schema-value-generator.js';
import type { SeededRandom } from './seeded-random.js';
import type { TestServerPlant } from './test-server-types.js';
import type { TextGenerator } from './text-generator.js';

/** Kind of a planted record. */
export type PlantKind = 'exactDuplicate' | 'nearDuplicate' | 'invalid';

/** One record of an answer, with what was planted in it if anything. */
export interface GeneratedRecord {
  value: unknown;
  planted?: PlantKind;
  /** A verbatim copy of `plant.echo.records[echoed]` (not a plant the duplicate kinds copy from). */
  echoed?: number;
  /** Carries `plant.text.value` in its longest text field (not copied by the duplicate kinds either). */
  carriesText?: boolean;
}

/** Inputs of {@link generateRecords}. */
export interface GenerateRecordsOptions {
  count: number;
  recordSchema: JsonSchema;
  values: SchemaValueGenerator;
  text: TextGenerator;
  random: SeededRandom;
  plant: TestServerPlant;
  /** Fresh (unplanted) records delivered earlier in complete answers with the same shape: what duplicates copy. */
  earlier: readonly unknown[];
  /** Values fresh record `position` takes over the generated ones (see `freshValues` in record-engine). */
  fresh?: (position: number) => Record<string, unknown> | undefined;
}

/**
 * Generates `count` records of a schema, planting exact duplicates, near duplicates and invalid
 * records with the configured per-record probabilities. Duplicates only ever copy fresh records (never
 * another plant), so a client that keeps every valid unique record sees each plant as exactly what it
 * is marked as. A plant that is impossible (nothing
 * earlier to copy, no text field to alter, nothing to break) yields a fresh record instead and is
 * not marked, so the marks always match what the client receives.
 */
export function generateRecords(options: GenerateRecordsOptions): GeneratedRecord[] {
  const { count, recordSchema, values, text, random, plant, earlier } = options;
  const generate = (position: number): unknown => {
    const value = values.generate(recordSchema);
    const fresh = options.fresh?.(position);
    return fresh && isPlainObject(value) ? Object.assign(value, fresh) : value;
  };
  const exact = plant.exactDuplicate ?? 0;
  const near = plant.nearDuplicate ?? 0;
  const invalid = plant.invalid ?? 0;
  const echoes = plant.echo?.records ?? [];
  const echo = echoes.length > 0 ? (plant.echo?.share ?? 0) : 0;
  const planted = plant.text?.share ?? 0;
  const records: GeneratedRecord[] = [];
  const validSoFar: unknown[] = [];
  const candidate = (): unknown | undefined => {
    const total = earlier.length + validSoFar.length;
    if (total === 0) return undefined;
    const index = random.int(0, total - 1);
    return index < earlier.length ? earlier[index] : validSoFar[index - earlier.length];
  };
  for (let index = 0; index < count; index += 1) {
    const draw = random.next();
    let record: GeneratedRecord | undefined;
    if (draw < exact) {
      const original = candidate();
      if (original !== undefined) record = { value: structuredClone(original), planted: 'exactDuplicate' };
    } else if (draw < exact + near) {
      const original = candidate();
      const altered = original === undefined ? undefined : nearDuplicateOf(original, text, random);
      if (altered !== undefined) record = { value: altered, planted: 'nearDuplicate' };
    } else if (draw < exact + near + invalid) {
      const broken = invalidate(generate(index), recordSchema, values, random);
      if (broken !== undefined) record = { value: broken, planted: 'invalid' };
    } else if (draw < exact + near + invalid + echo) {
      const echoed = random.int(0, echoes.length - 1);
      record = { value: structuredClone(echoes[echoed]), echoed };
    } else if (draw < exact + near + invalid + echo + planted && plant.text) {
      const carrying = withText(generate(index), plant.text.value);
      if (carrying !== undefined) record = { value: carrying, carriesText: true };
    }
    record ??= { value: generate(index) };
    if (!record.planted && record.echoed === undefined && !record.carriesText) validSoFar.push(record.value);
    records.push(record);
  }
  return records;
}

/** A copy of `value` with one word changed in its longest string; undefined when it has no string. */
function nearDuplicateOf(value: unknown, text: TextGenerator, random: SeededRandom): unknown | undefined {
  return alterLongestString(value, (original) => changeOneWord(original, text, random));
}

/** `value` with `text` added to the end of its longest string; undefined when it has no string. */
function withText(value: unknown, text: string): unknown | undefined {
  return alterLongestString(value, (original) => `${original} ${text}`);
}

/** A copy of `value` with its longest string replaced by `alter(it)`; undefined when it has no string. */
function alterLongestString(value: unknown, alter: (original: string) => string): unknown | undefined {
  const copy = structuredClone(value);
  const target = longestString(copy);
  if (!target) return undefined;
  const altered = alter(target.value);
  if (target.path.length === 0) return altered;
  let parent: unknown = copy;
  for (const step of target.path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  (parent as Record<string | number, unknown>)[target.path[target.path.length - 1] as string | number] =
    altered;
  return copy;
}

function longestString(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: string } | undefined {
  if (typeof value === 'string') return { path, value };
  let best: { path: (string | number)[]; value: string } | undefined;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((entry, index) => [index, entry])
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, entry] of entries) {
    const found = longestString(entry, [...path, key]);
    if (found && (!best || found.value.length > best.value.length)) best = found;
  }
  return best;
}

function changeOneWord(original: string, text: TextGenerator, random: SeededRandom): string {
  const vocabulary = new Set(text.words);
  if (original.includes(' ')) {
    const parts = original.split(' ');
    const known = parts.flatMap((part, index) => (vocabulary.has(part.toLowerCase()) ? [index] : []));
    const index = known.length > 0 ? random.pick(known) : random.int(0, Math.max(0, parts.length - 2));
    const word = parts[index] ?? '';
    const replacement = text.replacementFor(word.toLowerCase());
    parts[index] =
      word.charAt(0) === word.charAt(0).toUpperCase() && word.length > 0
        ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
        : replacement;
    return parts.join(' ');
  }
  const positions: number[] = [];
  for (let index = 0; index + 2 <= original.length; index += 1) {
    if (vocabulary.has(original.slice(index, index + 2))) positions.push(index);
  }
  if (positions.length > 0) {
    const position = random.pick(positions);
    const word = original.slice(position, position + 2);
    return original.slice(0, position) + text.replacementFor(word) + original.slice(position + 2);
  }
  if (original.length === 0) return text.replacementFor('');
  const position = Math.floor(original.length / 2);
  const character = original.charAt(position) === 'x' ? 'y' : 'x';
  return original.slice(0, position) + character + original.slice(position + 1);
}

/** A copy of a valid record made invalid for its schema; undefined when nothing can be broken. */
function invalidate(
  record: unknown,
  recordSchema: JsonSchema,
  values: SchemaValueGenerator,
  random: SeededRandom,
): unknown | undefined {
  if (!isPlainObject(record)) {
    if (typeof record === 'string') return 12345;
    if (typeof record === 'number' || typeof record === 'boolean') return 'not-a-valid-value';
    return undefined;
  }
  const properties = propertiesOf(recordSchema);
  const breakers: (() => void)[] = [];
  const requiredPresent = requiredKeys(recordSchema).filter((key) => key in record);
  if (requiredPresent.length > 0) {
    breakers.push(() => {
      delete record[random.pick(requiredPresent)];
    });
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (!(key in record)) continue;
    const schema = values.resolve(propertySchema);
    if (Array.isArray(schema.enum) && schema.enum.length > 0) {
      breakers.push(() => {
        record[key] = '__not_in_enum__';
      });
      continue;
    }
    const type = schemaType(schema);
    if (type === 'string') {
      breakers.push(() => {
        record[key] = 12345;
      });
    } else if (type === 'integer' || type === 'number' || type === 'boolean') {
      breakers.push(() => {
        record[key] = 'not-a-valid-value';
      });
    } else if (type === 'array' || type === 'object') {
      breakers.push(() => {
        record[key] = 'not-a-valid-value';
      });
    }
  }
  if (breakers.length === 0) return undefined;
  random.pick(breakers)();
  return record;
}
