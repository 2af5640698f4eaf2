import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import type { DatasetSchema } from './dataset-schema.js';
import { formatPath } from './format-path.js';
import { isJsonObject, jsonTypeName } from './json-value.js';
import { PromptsError } from './prompts-error.js';
import { validationSchema } from './validation-schema.js';

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

type Segment = string | number;

interface Issue {
  /** Where the problem is shown (`instances[1]` for an extra key inside it). */
  where: Segment[];
  /** Where it sorts: an extra key sorts after the object's declared fields. */
  sortPath: Segment[];
  text: string;
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

function pathOf(instancePath: string): Segment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

function nonNullTypes(schema: unknown): string[] {
  if (!isJsonObject(schema)) return [];
  const type = schema.type;
  const names = Array.isArray(type) ? type : typeof type === 'string' ? [type] : [];
  return names.filter((name): name is string => typeof name === 'string' && name !== 'null');
}

function typeText(error: ErrorObject, path: Segment[]): string {
  const data: unknown = error.data;
  if (path.length === 0) return `record: expected a JSON object, got ${jsonTypeName(data)}`;
  const expected = nonNullTypes(error.parentSchema);
  const items = isJsonObject(error.parentSchema) ? nonNullTypes(error.parentSchema.items) : [];
  if (expected.length === 1 && expected[0] === 'integer' && typeof data === 'number') {
    return `expected integer, got ${data}`;
  }
  const name =
    expected.length === 1 && expected[0] === 'array' && items.length === 1
      ? `array of ${items[0]}s`
      : expected.join(' or ');
  return `expected ${name}, got ${jsonTypeName(data)}`;
}

/** One readable line per Ajv error, in the words users have seen since the first release. */
function describe(error: ErrorObject): Issue {
  const path = pathOf(error.instancePath);
  const { where, text } = describeAt(error, path);
  const sortPath =
    error.keyword === 'additionalProperties'
      ? [...path, String((error.params as Record<string, unknown>).additionalProperty)]
      : where;
  return { where, sortPath, text };
}

function describeAt(error: ErrorObject, path: Segment[]): { where: Segment[]; text: string } {
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      return { where: [...path, String(params.missingProperty)], text: 'required field missing' };
    case 'additionalProperties':
      return { where: path, text: `extra field '${String(params.additionalProperty)}'` };
    case 'type':
      return { where: path, text: typeText(error, path) };
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const listed = allowed.filter((value) => value !== null).map((value) => String(value));
      return { where: path, text: `${show(data)} is not one of ${listed.join(', ')}` };
    }
    case 'minLength':
    case 'maxLength': {
      const length = typeof data === 'string' ? codePoints(data) : 0;
      const sign = error.keyword === 'minLength' ? '<' : '>';
      const name = error.keyword === 'minLength' ? 'min_length' : 'max_length';
      return { where: path, text: `length ${length} ${sign} ${name} ${String(params.limit)}` };
    }
    case 'minimum':
    case 'maximum':
      return {
        where: path,
        text: `${String(data)} ${error.keyword === 'minimum' ? '<' : '>'} ${error.keyword} ${String(params.limit)}`,
      };
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        where: path,
        text: `${String(data)} must be ${String(params.comparison)} ${String(params.limit)}`,
      };
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(data) ? data.length : 0;
      const sign = error.keyword === 'minItems' ? '<' : '>';
      const name = error.keyword === 'minItems' ? 'min_items' : 'max_items';
      return { where: path, text: `${plural(count, 'item')} ${sign} ${name} ${String(params.limit)}` };
    }
    case 'pattern':
      return { where: path, text: `${show(data)} does not match the pattern ${String(params.pattern)}` };
    case 'format':
      return { where: path, text: `${show(data)} is not a valid ${String(params.format)}` };
    default:
      return { where: path, text: error.message ?? `fails '${error.keyword}'` };
  }
}

/**
 * Nullable unions (`anyOf: [{…}, {type: 'null'}]`) report the one real branch's problems, not the null
 * branch's; other unions report one line for the union instead of one per branch.
 */
function collapseUnions(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const union of errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')) {
    const branches = isJsonObject(union.parentSchema) ? union.parentSchema[union.keyword] : undefined;
    const list = Array.isArray(branches) ? branches : [];
    const real = list
      .map((branch, index) => ({ branch, index }))
      .filter(({ branch }) => !(isJsonObject(branch) && branch.type === 'null'));
    const prefix = `${union.schemaPath}/`;
    const only = real.length === 1 ? `${prefix}${real[0]?.index}/` : undefined;
    kept = kept.filter((error) => {
      if (error === union) return only === undefined;
      if (!error.schemaPath.startsWith(prefix)) return true;
      return only !== undefined && error.schemaPath.startsWith(only);
    });
  }
  return kept;
}

/** Sort key: the position of each path step among the schema's declared properties (extras last). */
function orderKey(path: Segment[], root: unknown): number[] {
  const key: number[] = [];
  let node: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      key.push(segment);
      node = isJsonObject(node) ? node.items : undefined;
      continue;
    }
    const properties = isJsonObject(node) && isJsonObject(node.properties) ? node.properties : {};
    const index = Object.keys(properties).indexOf(segment);
    key.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
    node = properties[segment];
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

const compiled = new WeakMap<DatasetSchema, ValidateFunction>();

function compile(schema: DatasetSchema): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  // Draft 2020-12; unknown keywords (DataRecipe's x-field-definitions …) are annotations, not errors.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateFormats: true });
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(validationSchema(schema));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PromptsError('schema_invalid', `invalid schema: ${reason}`, { cause });
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * Compiles a schema into a record check: the schema as JSON Schema (a JSON Schema input as written,
 * DataRecipe schemas and field lists converted), checked by Ajv (draft 2020-12, with formats). Keys the
 * schema does not list are reported ("extra field 'x'") unless it allows them (a JSON Schema without
 * `additionalProperties: false`). Identifier fields may be absent. Lengths count characters (code points).
 * Nested paths are dotted, in schema field order: `instances[0].output: required field missing`.
 */
export function createValidator(schema: DatasetSchema): RecordValidator {
  const check = compile(schema);
  const root = check.schema;
  const validate = (record: unknown): RecordValidation => {
    if (check(record)) return { ok: true, issues: [] };
    const lines = collapseUnions(check.errors ?? [])
      .map(describe)
      .map((issue) => ({ ...issue, key: orderKey(issue.sortPath, root) }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((issue) => {
        const where = formatPath(issue.where);
        return where === '' ? issue.text : `${where}: ${issue.text}`;
      });
    return { ok: false, issues: [...new Set(lines)] };
  };
  return {
    validate,
    zod: z.custom<Record<string, unknown>>((value) => validate(value).ok, {
      error: (issue) => validate(issue.input).issues.join('; '),
    }),
  };
}
