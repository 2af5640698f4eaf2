/** The JSON value type a field holds. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/**
 * Constraints on one field's value. Lengths count Unicode code points (a Chinese character or an
 * emoji is one), like Python's `len`, which DataRecipe schemas were written against.
 */
export interface FieldConstraints {
  /** Inclusive `[minimum, maximum]` for numbers; `null` leaves that side open. */
  range?: [number | null, number | null];
  /** The only values allowed. */
  enum?: (string | number | boolean)[];
  /** Minimum string length in code points. */
  minLength?: number;
  /** Maximum string length in code points. */
  maxLength?: number;
  /** Minimum number of array items. */
  minItems?: number;
  /** Maximum number of array items. */
  maxItems?: number;
  /** A JSON Schema `format` a string must have (`date-time`, `email` …); described to the model and checked. */
  format?: string;
  /** A JSON Schema `pattern` (ECMAScript regular expression) a string must match; described and checked. */
  pattern?: string;
}

/** One field of a record, or (with `name: ''`) the element spec of an array. */
export interface FieldSpec {
  /** The exact JSON key; `''` for an array's element spec. */
  name: string;
  type: FieldType;
  /** Human label (DataRecipe `display_name`, JSON Schema `title`). */
  displayName?: string;
  description?: string;
  /** Whether the key must be present. Defaults to true everywhere except JSON Schema input, which says so itself. */
  required: boolean;
  /** Whether `null` is accepted. */
  nullable?: boolean;
  constraints: FieldConstraints;
  /** Element spec for arrays (name `''`); absent means "any JSON value". */
  items?: FieldSpec;
  /** Sub-fields for objects; absent means "any object". */
  fields?: FieldSpec[];
  /** Example values, shown to the model in the schema description. */
  examples?: unknown[];
  /**
   * For objects: whether keys the schema does not list are allowed. JSON Schema input says so itself
   * (allowed unless `additionalProperties: false`); DataRecipe schemas and field lists are closed.
   */
  additionalFields?: boolean;
}

/** One level of a scoring rubric (DataRecipe `scoring_rubric`). */
export interface RubricLevel {
  score: number;
  label?: string;
  description: string;
}

/** A data type a schema can hint at (DataRecipe `annotation_config.type: "ranking"` → `preference`). */
export type DataTypeHint = 'instruction' | 'preference' | 'multi-turn';

/** The one normalised schema every other part of DataSynth works from. */
export interface DatasetSchema {
  name?: string;
  description?: string;
  /** The fields the model generates (everything the schema declares except `identifiers`). */
  fields: FieldSpec[];
  /**
   * Declared fields that identify a record (a top-level `id`, `uuid` or `_id` of type string or integer):
   * DataSynth assigns them (the sample id `SYNTH_0001`, or its number for integers) when it writes the
   * output, so the model never writes them and a record without one is still valid.
   */
  identifiers?: FieldSpec[];
  /** Whether the record may hold keys the schema does not list (see `FieldSpec.additionalFields`). */
  additionalFields?: boolean;
  scoringRubric?: RubricLevel[];
  /** The data type the schema itself suggests; field names decide when absent. */
  dataTypeHint?: DataTypeHint;
  /**
   * The schema document as it was read (DataRecipe `DATA_SCHEMA.json`, a JSON Schema …), unchanged:
   * outputs embed it so downstream tools (DataCheck) read the `scoring_rubric` and fields they know.
   */
  document?: unknown;
  /** Which input shape the schema was read from. */
  source: 'datarecipe' | 'json-schema' | 'field-list' | 'inferred';
}

/** A JSON Schema document, as a plain object. */
export type JsonSchema = Record<string, unknown>;
