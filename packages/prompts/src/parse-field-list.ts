import { z } from 'zod';
import type { FieldSpec, FieldType } from './dataset-schema.js';
import { FIELD_TYPE_NAMES, normaliseFieldType } from './field-type-names.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { nestedItemSpec, nestedObjectFields } from './nested-type.js';
import { parseConstraints } from './parse-constraints.js';
import { failSchema, type SchemaParseContext } from './schema-parse-context.js';
import { firstIssueText, readableIssueMessage } from './zod-issue-text.js';

// DataRecipe field shape (both vocabularies); unknown keys are tolerated, DataRecipe adds its own.
const fieldObjectSchema = z.looseObject({
  name: z.string().optional(),
  type: z.string().optional(),
  display_name: z.string().optional(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  nullable: z.boolean().optional(),
  examples: z.array(z.unknown()).optional(),
});

// Constraint keys some schemas put directly on the field instead of under `constraints`.
const INLINE_CONSTRAINT_KEYS = ['range', 'enum', 'min_length', 'max_length', 'min_items', 'max_items'];

function unknownType(type: string, where: string, context: SchemaParseContext): never {
  failSchema(
    context,
    `field '${where}': unknown type '${type}' (expected one of ${FIELD_TYPE_NAMES.join(', ')})`,
  );
}

function typeOfExample(value: unknown): FieldType | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  if (isJsonObject(value)) return 'object';
  return undefined;
}

function childPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/**
 * Reads one field in DataRecipe / field-list form. `raw` may also be a bare type name (used for
 * `nested_type: "string"`). `name` overrides the object's own name (field maps, array items).
 */
export function parseFieldObject(
  raw: unknown,
  options: { where: string; name?: string },
  context: SchemaParseContext,
): FieldSpec {
  const { where } = options;
  if (typeof raw === 'string') {
    const type = normaliseFieldType(raw) ?? unknownType(raw, where, context);
    return { name: options.name ?? '', type, required: true, constraints: {} };
  }
  if (!isJsonObject(raw)) failSchema(context, `field '${where}': expected an object or a type name`);
  const parsed = fieldObjectSchema.safeParse(raw, { error: readableIssueMessage });
  if (!parsed.success) failSchema(context, `field '${where}': ${firstIssueText(parsed.error)}`);
  const field = parsed.data;

  const name = options.name ?? field.name;
  if (name === undefined || (options.name === undefined && name.trim() === '')) {
    failSchema(context, `field '${where}': missing its name`);
  }

  let type: FieldType;
  if (field.type !== undefined) {
    type = normaliseFieldType(field.type) ?? unknownType(field.type, where, context);
  } else if (raw.fields !== undefined) {
    type = 'object';
  } else if (raw.nested_type !== undefined || raw.items !== undefined) {
    type = 'array';
  } else {
    type = typeOfExample(field.examples?.[0]) ?? 'string';
    context.warnings.push(`field '${where}': no type given, using ${type}`);
  }

  const inline: JsonObject = {};
  for (const key of INLINE_CONSTRAINT_KEYS) if (raw[key] !== undefined) inline[key] = raw[key];
  const constraintSource = raw.constraints ?? (Object.keys(inline).length > 0 ? inline : undefined);
  const spec: FieldSpec = {
    name,
    type,
    required: field.required ?? true,
    constraints: parseConstraints(constraintSource, type, where, context),
  };
  const displayName = field.display_name ?? field.displayName ?? field.title;
  if (displayName !== undefined && displayName !== '' && displayName !== name) spec.displayName = displayName;
  if (field.description !== undefined && field.description !== '') spec.description = field.description;
  if (field.nullable !== undefined) spec.nullable = field.nullable;
  if (field.examples !== undefined && field.examples.length > 0) spec.examples = field.examples;

  if (type === 'array') {
    const itemSource = raw.items ?? raw.nested_type;
    if (raw.items === undefined && typeof raw.nested_type === 'string') {
      const items = nestedItemSpec(raw.nested_type, where, context);
      if (items !== undefined) spec.items = items;
    } else if (itemSource !== undefined && itemSource !== null) {
      spec.items = parseItemSpec(itemSource, `${where}[]`, context);
    }
  } else if (type === 'object' && raw.fields === undefined && Array.isArray(raw.nested_type)) {
    spec.fields = nestedObjectFields(raw.nested_type, where, context);
  } else if (raw.nested_type !== undefined && raw.nested_type !== null) {
    context.warnings.push(`field '${where}': nested_type does not apply to a ${type}, ignored`);
  }
  if (type === 'object' && raw.fields !== undefined && raw.fields !== null) {
    spec.fields = parseFieldCollection(raw.fields, where, context);
  }
  return spec;
}

/** An array's element spec: a type name, a field object (name optional) or a `{name: type}` map of an object element. */
function parseItemSpec(raw: unknown, where: string, context: SchemaParseContext): FieldSpec {
  if (isJsonObject(raw) && raw.type === undefined && raw.fields === undefined && raw.items === undefined) {
    return {
      name: '',
      type: 'object',
      required: true,
      constraints: {},
      fields: parseFieldMap(raw, where, context),
    };
  }
  return parseFieldObject(raw, { where, name: '' }, context);
}

/** A list (`[{name, type}]`) or map (`{name: type}`) of fields. */
export function parseFieldCollection(
  raw: unknown,
  parentWhere: string,
  context: SchemaParseContext,
): FieldSpec[] {
  if (Array.isArray(raw)) return parseFieldArray(raw, parentWhere, context);
  if (isJsonObject(raw)) return parseFieldMap(raw, parentWhere, context);
  failSchema(context, `field '${parentWhere}': fields must be a list or an object`);
}

/** `[{name, type, ...}]` — DataRecipe's `fields`, or a plain field list. */
export function parseFieldArray(
  raw: unknown[],
  parentWhere: string,
  context: SchemaParseContext,
): FieldSpec[] {
  const fields = raw.map((item, index) => {
    const label = isJsonObject(item) && typeof item.name === 'string' ? item.name : `#${index + 1}`;
    return parseFieldObject(item, { where: childPath(parentWhere, label) }, context);
  });
  return checkUnique(fields, parentWhere, context);
}

/** `{fieldName: 'type'}` or `{fieldName: {type, ...}}`. */
export function parseFieldMap(
  raw: JsonObject,
  parentWhere: string,
  context: SchemaParseContext,
): FieldSpec[] {
  return Object.entries(raw).map(([name, value]) =>
    parseFieldObject(value, { where: childPath(parentWhere, name), name }, context),
  );
}

function checkUnique(fields: FieldSpec[], parentWhere: string, context: SchemaParseContext): FieldSpec[] {
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) {
      failSchema(context, `field '${childPath(parentWhere, field.name)}' is defined twice`);
    }
    seen.add(field.name);
  }
  return fields;
}
