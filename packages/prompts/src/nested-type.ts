import type { FieldSpec } from './dataset-schema.js';
import { normaliseFieldType } from './field-type-names.js';
import { inferSchema } from './infer-schema.js';
import { isJsonObject } from './json-value.js';
import { failSchema, type SchemaParseContext } from './schema-parse-context.js';

// DataRecipe writes `nested_type` as Python sees the first value (deep_analyzer.py): the type name of an
// array's first element ("dict", "str", "int", "list", "NoneType" …) or an object's list of keys. Neither
// says what an element object holds, so the keys and their types are read off the seeds when we have them.

/** The seeds' values of a top-level field (nested_type only appears on top-level fields). */
function seedValues(where: string, context: SchemaParseContext): unknown[] {
  if (where.includes('.') || context.seeds === undefined) return [];
  return context.seeds.map((seed) => seed[where]).filter((value) => value !== undefined);
}

function inferredFields(objects: Record<string, unknown>[]): FieldSpec[] | undefined {
  if (objects.length === 0) return undefined;
  try {
    return inferSchema(objects).fields;
  } catch {
    return undefined; // objects with no keys at all: nothing to learn
  }
}

/** An array's element spec from `nested_type: "dict" | "str" | …`; undefined when it says nothing usable. */
export function nestedItemSpec(
  typeName: string,
  where: string,
  context: SchemaParseContext,
): FieldSpec | undefined {
  if (typeName === 'NoneType' || typeName === '') return undefined;
  const type = normaliseFieldType(typeName);
  if (type === undefined) {
    failSchema(context, `field '${where}': unknown nested_type '${typeName}'`);
  }
  const items: FieldSpec = { name: '', type, required: true, constraints: {} };
  if (type !== 'object') return items;
  const elements = seedValues(where, context).flatMap((value) =>
    Array.isArray(value) ? value.filter(isJsonObject) : [],
  );
  const fields = inferredFields(elements);
  if (fields === undefined) {
    context.warnings.push(
      `field '${where}': nested_type says its items are objects but not which keys they hold, and no seed shows one; any object is accepted`,
    );
    return items;
  }
  items.fields = fields;
  return items;
}

/** An object's sub-fields from `nested_type: ["key", …]`, typed by the seeds (string when no seed shows one). */
export function nestedObjectFields(keys: unknown[], where: string, context: SchemaParseContext): FieldSpec[] {
  const names = keys.filter((key): key is string => typeof key === 'string' && key !== '');
  if (names.length !== keys.length) {
    failSchema(context, `field '${where}': nested_type must list the object's keys as strings`);
  }
  const seen = inferredFields(seedValues(where, context).filter(isJsonObject)) ?? [];
  return names.map(
    (name) =>
      seen.find((field) => field.name === name) ?? {
        name,
        type: 'string',
        required: true,
        constraints: {},
      },
  );
}
