import type { JsonSchema } from '../spec/json-schema.js';
import { withConstraintNote } from './constraint-note.js';
import { makeNullable, typesOf } from './nullable-schema.js';
import {
  acceptedKeywords,
  type StructuredOutputSupport,
  unsupportedPatternFeature,
} from './structured-output-support.js';

type Schema = Record<string, unknown>;

/** A schema fitted to one provider's structured output, and what had to leave it. */
export interface FittedSchema {
  schema: JsonSchema;
  /**
   * Each constraint the provider does not accept, as a dotted path plus keyword
   * (`records[].review.minLength`). Plain-valued ones were moved into the field's description.
   */
  removedConstraints: string[];
}

interface FitContext {
  support: StructuredOutputSupport;
  removed: string[];
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isObjectSchema(schema: Schema): boolean {
  return typesOf(schema).includes('object') || (schema.type === undefined && isSchema(schema.properties));
}

/** Plain values (numbers, strings, flags, lists of them) read well in a description; schemas do not. */
function isPlainValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((entry) => entry === null || typeof entry !== 'object');
  return value === null || typeof value !== 'object';
}

function convertMap(value: unknown, path: string, context: FitContext): Schema {
  const converted: Schema = {};
  if (!isSchema(value)) return converted;
  for (const [name, child] of Object.entries(value))
    converted[name] = convert(child, joinPath(path, name), context);
  return converted;
}

/** Object `allOf` merges into one object (every provider takes that); anything else stays `allOf`. */
function mergeAllOf(schema: Schema): Schema {
  const branches = schema.allOf;
  if (!Array.isArray(branches)) return schema;
  if (!branches.every((branch) => isSchema(branch) && isObjectSchema(branch) && branch.$ref === undefined)) {
    return schema;
  }
  const { allOf: _allOf, ...merged } = schema;
  const properties: Schema = isSchema(merged.properties) ? { ...merged.properties } : {};
  const required = new Set(Array.isArray(merged.required) ? (merged.required as string[]) : []);
  for (const branch of branches as Schema[]) {
    if (isSchema(branch.properties)) Object.assign(properties, branch.properties);
    if (Array.isArray(branch.required)) for (const name of branch.required) required.add(name as string);
  }
  return { ...merged, type: 'object', properties, required: [...required] };
}

/** Whether the provider takes this keyword with this value (beyond the keyword being listed). */
function acceptsValue(keyword: string, value: unknown, support: StructuredOutputSupport): boolean {
  switch (keyword) {
    case 'format':
      return typeof value === 'string' && support.formats.includes(value);
    case 'pattern':
      return typeof value === 'string' && unsupportedPatternFeature(support, value) === undefined;
    case 'minItems':
      return support.minItemsValues === undefined || support.minItemsValues.includes(value as number);
    case 'allOf':
      return Array.isArray(value) && value.every((branch) => !isSchema(branch) || branch.$ref === undefined);
    default:
      return true;
  }
}

function convert(input: unknown, path: string, context: FitContext): unknown {
  if (!isSchema(input)) return input;
  const { support, removed } = context;
  let schema = mergeAllOf(input);
  if (schema.nullable !== undefined) {
    const { nullable, ...rest } = schema;
    schema = nullable === true ? makeNullable(rest) : rest;
  }
  const objectLike = isObjectSchema(schema);
  const types = typesOf(schema);
  if (objectLike) types.push('object');
  if (schema.items !== undefined || schema.prefixItems !== undefined) types.push('array');
  const accepted = acceptedKeywords(support, types);
  const result: Schema = {};
  const moved: Schema = {};
  const drop = (keyword: string, value: unknown, label = keyword) => {
    removed.push(joinPath(path, label));
    if (isPlainValue(value)) moved[keyword] = value;
  };
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' || keyword === 'required' || keyword === 'additionalProperties') continue;
    if (keyword === 'description') {
      result.description = value;
      continue;
    }
    if (keyword === 'anyOf' || keyword === 'oneOf') {
      // Both providers take anyOf only; an exclusive oneOf becomes an inclusive anyOf.
      if (keyword === 'oneOf') removed.push(joinPath(path, 'oneOf(exclusive)'));
      if (Array.isArray(value)) result.anyOf = value.map((branch) => convert(branch, path, context));
      continue;
    }
    if (keyword === '$defs' || keyword === 'definitions') {
      result[keyword] = convertMap(value, path === '' ? keyword : joinPath(path, keyword), context);
      continue;
    }
    if (!accepted.has(keyword)) {
      if (!support.annotations.includes(keyword)) drop(keyword, value);
      continue;
    }
    if (!acceptsValue(keyword, value, support)) {
      drop(keyword, value, keyword === 'format' ? `format(${String(value)})` : keyword);
      continue;
    }
    if (keyword === 'items') {
      if (Array.isArray(value)) {
        removed.push(joinPath(path, 'items(tuple)'));
        if (isSchema(value[0])) result.items = convert(value[0], `${path}[]`, context);
      } else {
        result.items = convert(value, `${path}[]`, context);
      }
    } else if (keyword === 'allOf') {
      result.allOf = (value as unknown[]).map((branch) => convert(branch, path, context));
    } else {
      result[keyword] = value;
    }
  }
  if (objectLike) {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const originalRequired = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const fitted: Schema = {};
    for (const [name, child] of Object.entries(properties)) {
      const converted = convert(child, joinPath(path, name), context);
      fitted[name] =
        !support.allPropertiesRequired || originalRequired.includes(name) || !isSchema(converted)
          ? converted
          : makeNullable(converted);
    }
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      removed.push(joinPath(path, 'additionalProperties'));
    }
    result.properties = fitted;
    result.required = support.allPropertiesRequired
      ? Object.keys(fitted)
      : originalRequired.filter((name) => name in fitted);
    if (support.closedObjects) result.additionalProperties = false;
  }
  const description = withConstraintNote(result.description, moved);
  if (description !== undefined) result.description = description;
  return result;
}

/**
 * Fits a schema to what one provider's structured output accepts (see
 * `structured-output-support.ts`): keywords the provider lists are kept, closed objects and
 * all-required properties are added where it demands them, `oneOf` becomes `anyOf`, object
 * `allOf` is merged, and every constraint it does not take is removed, reported, and (when it is
 * a plain value) written into the field's description so the model still reads it. The input is
 * not modified.
 */
export function fitStructuredOutputSchema(
  schema: JsonSchema,
  support: StructuredOutputSupport,
): FittedSchema {
  const removedConstraints: string[] = [];
  const converted = convert(schema, '', { support, removed: removedConstraints });
  return { schema: (isSchema(converted) ? converted : {}) as JsonSchema, removedConstraints };
}
