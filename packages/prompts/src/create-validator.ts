import { z } from 'zod';
import type { DatasetSchema, FieldSpec } from './dataset-schema.js';
import { formatPath } from './format-path.js';
import { jsonTypeName } from './json-value.js';

/** Whether a record fits the schema, and if not, one readable line per problem. */
export interface RecordValidation {
  ok: boolean;
  /** e.g. "output: length 3 < min_length 10", "instances[0].output: required field missing", "extra field 'x'". */
  issues: string[];
}

/** A compiled schema check. `zod` is the same check as a zod schema, for callers that compose zod. */
export interface RecordValidator {
  validate(record: unknown): RecordValidation;
  zod: z.ZodType;
}

function typeError(expected: string) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code !== 'invalid_type') return undefined;
    return issue.input === undefined
      ? 'required field missing'
      : `expected ${expected}, got ${jsonTypeName(issue.input)}`;
  };
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function baseSchema(field: FieldSpec): z.ZodType {
  const { constraints } = field;
  if (
    constraints.enum &&
    (field.type === 'string' ||
      field.type === 'integer' ||
      field.type === 'number' ||
      field.type === 'boolean')
  ) {
    const allowed = constraints.enum;
    return z.literal(allowed, {
      error: (issue) =>
        issue.input === undefined
          ? 'required field missing'
          : `${show(issue.input)} is not one of ${allowed.map((value) => String(value)).join(', ')}`,
    });
  }
  switch (field.type) {
    case 'string':
      return z.string({ error: typeError('string') }).superRefine((value, context) => {
        const length = codePoints(value);
        if (constraints.minLength !== undefined && length < constraints.minLength) {
          context.addIssue({
            code: 'custom',
            message: `length ${length} < min_length ${constraints.minLength}`,
          });
        }
        if (constraints.maxLength !== undefined && length > constraints.maxLength) {
          context.addIssue({
            code: 'custom',
            message: `length ${length} > max_length ${constraints.maxLength}`,
          });
        }
      });
    case 'integer':
    case 'number': {
      const integer = field.type === 'integer';
      const [minimum, maximum] = constraints.range ?? [null, null];
      return z.number({ error: typeError(field.type) }).superRefine((value, context) => {
        if (integer && !Number.isInteger(value)) {
          context.addIssue({ code: 'custom', message: `expected integer, got ${value}` });
        }
        if (minimum !== null && value < minimum) {
          context.addIssue({ code: 'custom', message: `${value} < minimum ${minimum}` });
        }
        if (maximum !== null && value > maximum) {
          context.addIssue({ code: 'custom', message: `${value} > maximum ${maximum}` });
        }
      });
    }
    case 'boolean':
      return z.boolean({ error: typeError('boolean') });
    case 'array': {
      const element = field.items ? fieldSchema(field.items) : z.unknown();
      const expected = field.items ? `array of ${field.items.type}s` : 'array';
      return z.array(element, { error: typeError(expected) }).superRefine((value, context) => {
        if (constraints.minItems !== undefined && value.length < constraints.minItems) {
          context.addIssue({
            code: 'custom',
            message: `${plural(value.length, 'item')} < min_items ${constraints.minItems}`,
          });
        }
        if (constraints.maxItems !== undefined && value.length > constraints.maxItems) {
          context.addIssue({
            code: 'custom',
            message: `${plural(value.length, 'item')} > max_items ${constraints.maxItems}`,
          });
        }
      });
    }
    case 'object':
      return field.fields
        ? objectSchema(field.fields, typeError('object'))
        : z.record(z.string(), z.unknown(), { error: typeError('object') });
  }
}

function fieldSchema(field: FieldSpec): z.ZodType {
  let schema = baseSchema(field);
  if (field.nullable) schema = schema.nullable();
  if (!field.required) schema = schema.optional();
  return schema;
}

function objectSchema(
  fields: FieldSpec[],
  error: (issue: z.core.$ZodRawIssue) => string | undefined,
): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.name] = fieldSchema(field);
  return z.strictObject(shape, { error });
}

/**
 * Compiles a schema into a record check. Strict: extra fields are reported ("extra field 'x'"), since
 * prompts ask for the exact field names. Nested paths are dotted: `instances[0].output: required field missing`.
 */
export function createValidator(schema: DatasetSchema): RecordValidator {
  const zodSchema = objectSchema(schema.fields, (issue) =>
    issue.code === 'invalid_type'
      ? `record: expected a JSON object, got ${jsonTypeName(issue.input)}`
      : undefined,
  );
  return {
    zod: zodSchema,
    validate(record: unknown): RecordValidation {
      const result = zodSchema.safeParse(record);
      if (result.success) return { ok: true, issues: [] };
      const issues: string[] = [];
      for (const issue of result.error.issues) {
        const where = formatPath(issue.path);
        const prefix = where === '' ? '' : `${where}: `;
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) issues.push(`${prefix}extra field '${key}'`);
        } else {
          issues.push(`${prefix}${issue.message}`);
        }
      }
      return { ok: false, issues };
    },
  };
}
