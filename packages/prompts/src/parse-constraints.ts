import type { FieldConstraints, FieldType } from './dataset-schema.js';
import { isJsonObject } from './json-value.js';
import { failSchema, type SchemaParseContext } from './schema-parse-context.js';

const CONSTRAINT_KEYS = {
  range: ['range'],
  enum: ['enum'],
  minLength: ['min_length', 'minLength'],
  maxLength: ['max_length', 'maxLength'],
  minItems: ['min_items', 'minItems'],
  maxItems: ['max_items', 'maxItems'],
  minimum: ['min', 'minimum'],
  maximum: ['max', 'maximum'],
} as const;

const KNOWN_KEYS = new Set<string>(Object.values(CONSTRAINT_KEYS).flat());

function pick(source: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (source[key] !== undefined) return source[key];
  return undefined;
}

function count(
  value: unknown,
  label: string,
  where: string,
  context: SchemaParseContext,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    failSchema(
      context,
      `field '${where}': ${label} must be a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function bound(value: unknown, label: string, where: string, context: SchemaParseContext): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    failSchema(context, `field '${where}': ${label} must be a number or null, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Reads DataRecipe constraints (`range`, `enum`, `min_length`, `max_length`, `min_items`, `max_items`;
 * camelCase spellings too) for one field. On arrays, `min_length`/`max_length` mean item counts.
 */
export function parseConstraints(
  raw: unknown,
  type: FieldType,
  where: string,
  context: SchemaParseContext,
): FieldConstraints {
  if (raw === undefined || raw === null) return {};
  if (!isJsonObject(raw)) failSchema(context, `field '${where}': constraints must be an object`);
  const constraints: FieldConstraints = {};

  const range = pick(raw, CONSTRAINT_KEYS.range);
  const minimum = pick(raw, CONSTRAINT_KEYS.minimum);
  const maximum = pick(raw, CONSTRAINT_KEYS.maximum);
  if (range !== undefined && range !== null) {
    if (!Array.isArray(range) || range.length !== 2) {
      failSchema(context, `field '${where}': range must be [min, max], got ${JSON.stringify(range)}`);
    }
    const low = bound(range[0], 'range minimum', where, context);
    const high = bound(range[1], 'range maximum', where, context);
    if (low !== null && high !== null && low > high) {
      failSchema(context, `field '${where}': range minimum ${low} is above maximum ${high}`);
    }
    constraints.range = [low, high];
  } else if (minimum !== undefined || maximum !== undefined) {
    constraints.range = [
      bound(minimum, 'minimum', where, context),
      bound(maximum, 'maximum', where, context),
    ];
  }

  const values = pick(raw, CONSTRAINT_KEYS.enum);
  if (values !== undefined && values !== null) {
    const primitive = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
    if (!Array.isArray(values) || values.length === 0 || !values.every(primitive)) {
      failSchema(context, `field '${where}': enum must be a non-empty list of strings, numbers or booleans`);
    }
    constraints.enum = values as (string | number | boolean)[];
  }

  const minLength = count(pick(raw, CONSTRAINT_KEYS.minLength), 'min_length', where, context);
  const maxLength = count(pick(raw, CONSTRAINT_KEYS.maxLength), 'max_length', where, context);
  const minItems = count(pick(raw, CONSTRAINT_KEYS.minItems), 'min_items', where, context);
  const maxItems = count(pick(raw, CONSTRAINT_KEYS.maxItems), 'max_items', where, context);
  if (type === 'array' && (minLength !== undefined || maxLength !== undefined)) {
    context.warnings.push(`field '${where}': min_length/max_length on an array are read as item counts`);
    if (minItems === undefined && minLength !== undefined) constraints.minItems = minLength;
    if (maxItems === undefined && maxLength !== undefined) constraints.maxItems = maxLength;
  } else {
    if (minLength !== undefined) constraints.minLength = minLength;
    if (maxLength !== undefined) constraints.maxLength = maxLength;
  }
  if (minItems !== undefined) constraints.minItems = minItems;
  if (maxItems !== undefined) constraints.maxItems = maxItems;

  checkApplicable(constraints, type, where, context);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key))
      context.warnings.push(`field '${where}': constraint '${key}' is not supported, ignored`);
  }
  return constraints;
}

function checkApplicable(
  constraints: FieldConstraints,
  type: FieldType,
  where: string,
  context: SchemaParseContext,
): void {
  const lengthPair = (low?: number, high?: number, label = 'length') => {
    if (low !== undefined && high !== undefined && low > high) {
      failSchema(context, `field '${where}': minimum ${label} ${low} is above maximum ${high}`);
    }
  };
  lengthPair(constraints.minLength, constraints.maxLength);
  lengthPair(constraints.minItems, constraints.maxItems, 'item count');
  const ignored = (name: string, appliesTo: string) =>
    context.warnings.push(`field '${where}': ${name} applies to ${appliesTo}, ignored on a ${type} field`);
  if (constraints.range && type !== 'integer' && type !== 'number') {
    ignored('range', 'numbers');
    delete constraints.range;
  }
  if ((constraints.minLength !== undefined || constraints.maxLength !== undefined) && type !== 'string') {
    ignored('min_length/max_length', 'strings');
    delete constraints.minLength;
    delete constraints.maxLength;
  }
  if ((constraints.minItems !== undefined || constraints.maxItems !== undefined) && type !== 'array') {
    ignored('min_items/max_items', 'arrays');
    delete constraints.minItems;
    delete constraints.maxItems;
  }
  if (constraints.enum && (type === 'array' || type === 'object')) {
    ignored('enum', 'strings, numbers and booleans');
    delete constraints.enum;
  }
  if (constraints.enum) {
    const expected = type === 'integer' ? 'number' : type;
    const mismatched = constraints.enum.filter((value) => typeof value !== expected);
    if (mismatched.length > 0) {
      failSchema(context, `field '${where}': enum value ${JSON.stringify(mismatched[0])} is not a ${type}`);
    }
  }
}
