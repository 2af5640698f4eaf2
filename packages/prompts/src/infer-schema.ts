import type { DatasetSchema, FieldSpec, FieldType } from './dataset-schema.js';
import { isJsonObject, jsonTypeName } from './json-value.js';
import { PromptsError } from './prompts-error.js';

interface ValueStats {
  present: number;
  nulls: number;
  types: Map<FieldType, number>;
  elements?: ValueStats;
  objects?: ObjectStats;
}

interface ObjectStats {
  count: number;
  keys: Map<string, ValueStats>;
}

function newValueStats(): ValueStats {
  return { present: 0, nulls: 0, types: new Map() };
}

function observeObject(stats: ObjectStats, record: Record<string, unknown>): void {
  stats.count += 1;
  for (const [key, value] of Object.entries(record)) {
    let valueStats = stats.keys.get(key);
    if (valueStats === undefined) {
      valueStats = newValueStats();
      stats.keys.set(key, valueStats);
    }
    valueStats.present += 1;
    observeValue(valueStats, value);
  }
}

function observeValue(stats: ValueStats, value: unknown): void {
  if (value === null || value === undefined) {
    stats.nulls += 1;
    return;
  }
  let type: FieldType;
  if (Array.isArray(value)) {
    type = 'array';
    stats.elements ??= newValueStats();
    for (const element of value) {
      stats.elements.present += 1;
      observeValue(stats.elements, element);
    }
  } else if (isJsonObject(value)) {
    type = 'object';
    stats.objects ??= { count: 0, keys: new Map() };
    observeObject(stats.objects, value);
  } else if (typeof value === 'number') {
    type = Number.isInteger(value) ? 'integer' : 'number';
  } else if (typeof value === 'boolean') {
    type = 'boolean';
  } else {
    type = 'string';
  }
  stats.types.set(type, (stats.types.get(type) ?? 0) + 1);
}

function chooseType(stats: ValueStats): FieldType {
  const counts = new Map(stats.types);
  // 1 and 1.5 in the same field means "number".
  if (counts.has('number') && counts.has('integer')) {
    counts.set('number', (counts.get('number') ?? 0) + (counts.get('integer') ?? 0));
    counts.delete('integer');
  }
  let best: FieldType = 'string';
  let bestCount = 0;
  for (const [type, count] of counts) {
    if (count > bestCount) {
      best = type;
      bestCount = count;
    }
  }
  return best;
}

function toFields(stats: ObjectStats): FieldSpec[] {
  return [...stats.keys].map(([name, valueStats]) =>
    toField(name, valueStats, valueStats.present === stats.count),
  );
}

function toField(name: string, stats: ValueStats, required: boolean): FieldSpec {
  const type = chooseType(stats);
  const field: FieldSpec = { name, type, required, constraints: {} };
  if (stats.nulls > 0) field.nullable = true;
  if (type === 'array' && stats.elements && stats.elements.types.size > 0) {
    field.items = toField('', stats.elements, true);
  }
  if (type === 'object' && stats.objects) field.fields = toFields(stats.objects);
  return field;
}

/**
 * A schema read off the seeds themselves: field order as first seen, a field is required when every
 * seed has it, nullable when some seed has null, the most common type wins (integers mixed with
 * decimals become `number`), and arrays/objects are followed all the way down.
 */
export function inferSchema(seeds: Record<string, unknown>[]): DatasetSchema {
  if (seeds.length === 0)
    throw new PromptsError('no_records', 'cannot infer a schema from zero seed records');
  const stats: ObjectStats = { count: 0, keys: new Map() };
  seeds.forEach((seed, index) => {
    if (!isJsonObject(seed)) {
      throw new PromptsError(
        'seeds_invalid',
        `seed at index ${index} is ${jsonTypeName(seed)}, expected an object`,
      );
    }
    observeObject(stats, seed);
  });
  const fields = toFields(stats);
  if (fields.length === 0)
    throw new PromptsError('no_records', 'cannot infer a schema: the seed records have no fields');
  return { fields, source: 'inferred' };
}
