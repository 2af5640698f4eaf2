import { z } from 'zod';
import type { DatasetSchema, RubricLevel } from './dataset-schema.js';
import { assertJsonDepth } from './json-depth.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { parseFieldArray, parseFieldMap } from './parse-field-list.js';
import { parseJsonSchemaRecord } from './parse-json-schema.js';
import { failSchema, type SchemaParseContext } from './schema-parse-context.js';
import { splitIdentifiers } from './split-identifiers.js';
import { firstIssueText, readableIssueMessage } from './zod-issue-text.js';

const dataRecipeSchema = z.looseObject({
  dataset_id: z.string().optional(),
  project_name: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  fields: z.array(z.unknown()).min(1),
  field_names: z.array(z.string()).optional(),
  scoring_rubric: z
    .array(
      z.looseObject({
        score: z.number(),
        label: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .optional()
    .nullable(),
  annotation_config: z.looseObject({ type: z.string().optional() }).optional().nullable(),
});

/** The result of reading a schema: the schema plus anything worth telling the user that did not stop us. */
export interface ParsedSchema {
  schema: DatasetSchema;
  warnings: string[];
}

/** Options for `parseSchema`. */
export interface ParseSchemaOptions {
  /** The file the schema came from, for messages. */
  file?: string;
  /**
   * The seed records, when known: DataRecipe's `nested_type` says only that array items are objects
   * (`"dict"`) or which keys an object has, so the element keys and types are read off the seeds.
   */
  seeds?: Record<string, unknown>[];
}

/**
 * Accepts a DataRecipe DATA_SCHEMA.json object, a JSON Schema of one record ({type:'object', properties}),
 * or a field list ([{name,type}] or {fieldName: 'type'}). Both DataRecipe type vocabularies: string|text,
 * integer|int, number|float, boolean|bool, array|list, object; constraints range/enum/min_length/max_length;
 * nested_type for arrays and objects. Every declared field is a real field; a top-level `id` is an
 * identifier DataSynth assigns. Throws PromptsError('schema_invalid') with a one-line message naming what is wrong.
 */
export function parseSchema(input: unknown, options?: ParseSchemaOptions): ParsedSchema {
  const context: SchemaParseContext = { warnings: [] };
  if (options?.file !== undefined) context.file = options.file;
  if (options?.seeds !== undefined) context.seeds = options.seeds;
  assertJsonDepth(input, {
    what: 'schema',
    code: 'too_deep',
    ...(options?.file !== undefined && { file: options.file }),
  });
  if (options?.seeds !== undefined) context.seeds = options.seeds;
  const read = readAnyShape(input, context);
  const { fields, identifiers } = splitIdentifiers(read.fields);
  if (fields.length === 0) failSchema(context, 'the schema defines no fields to generate');
  const schema: DatasetSchema = { ...read, fields, document: input };
  if (identifiers.length > 0) {
    schema.identifiers = identifiers;
    context.warnings.push(
      `${identifiers.map((field) => `'${field.name}'`).join(', ')} identifies each record: DataSynth assigns it (the sample id, e.g. SYNTH_0001) rather than asking the model`,
    );
  }
  return { schema, warnings: context.warnings };
}

function readAnyShape(input: unknown, context: SchemaParseContext): DatasetSchema {
  if (Array.isArray(input)) {
    if (input.length === 0) failSchema(context, 'the field list is empty');
    return { fields: parseFieldArray(input, '', context), source: 'field-list' };
  }
  if (!isJsonObject(input)) {
    failSchema(
      context,
      'expected a DataRecipe schema, a JSON Schema or a field list (an object or an array)',
    );
  }
  if (Array.isArray(input.fields)) return readDataRecipe(input, context);
  if (isJsonObject(input.properties) || input.$schema !== undefined || input.type === 'object') {
    const record = parseJsonSchemaRecord(input, context);
    const schema: DatasetSchema = {
      fields: record.fields,
      additionalFields: record.additionalFields,
      source: 'json-schema',
    };
    if (record.name !== undefined) schema.name = record.name;
    if (record.description !== undefined) schema.description = record.description;
    return schema;
  }
  if (Object.keys(input).length === 0) failSchema(context, 'the schema object is empty');
  const looksLikeFieldMap = Object.values(input).every(
    (value) => typeof value === 'string' || isJsonObject(value),
  );
  if (!looksLikeFieldMap) {
    failSchema(
      context,
      'not a recognised schema: expected DataRecipe {fields: [...]}, a JSON Schema {type: "object", properties} or a field map {name: "type"}',
    );
  }
  return { fields: parseFieldMap(input, '', context), source: 'field-list' };
}

function readDataRecipe(input: JsonObject, context: SchemaParseContext): DatasetSchema {
  const parsed = dataRecipeSchema.safeParse(input, { error: readableIssueMessage });
  if (!parsed.success) failSchema(context, firstIssueText(parsed.error));
  const raw = parsed.data;
  const allFields = parseFieldArray(raw.fields, '', context);
  if (raw.field_names) {
    const declared = new Set(allFields.map((field) => field.name));
    const listed = new Set(raw.field_names);
    const missing = raw.field_names.filter((name) => !declared.has(name));
    const unlisted = [...declared].filter((name) => !listed.has(name));
    if (missing.length > 0 || unlisted.length > 0) {
      context.warnings.push(
        `field_names does not match fields (${[...missing.map((name) => `no definition for '${name}'`), ...unlisted.map((name) => `'${name}' not listed`)].join(', ')}); fields wins`,
      );
    }
  }
  const schema: DatasetSchema = { fields: allFields, source: 'datarecipe' };
  // DataRecipe writes annotation_config {type: "ranking"} for chosen/rejected preference data.
  if (raw.annotation_config?.type === 'ranking') schema.dataTypeHint = 'preference';
  const name = raw.project_name ?? raw.name ?? raw.dataset_id;
  if (name !== undefined && name !== '') schema.name = name;
  if (raw.description !== undefined && raw.description !== '') schema.description = raw.description;
  if (raw.scoring_rubric && raw.scoring_rubric.length > 0) {
    schema.scoringRubric = raw.scoring_rubric.map((level) => {
      const rubric: RubricLevel = { score: level.score, description: level.description ?? '' };
      if (level.label !== undefined && level.label !== '') rubric.label = level.label;
      return rubric;
    });
  }
  return schema;
}
