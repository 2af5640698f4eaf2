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
}

/** One level of a scoring rubric (DataRecipe `scoring_rubric`). */
export interface RubricLevel {
  score: number;
  label?: string;
  description: string;
}

/** The one normalised schema every other part of DataSynth works from. */
export interface DatasetSchema {
  name?: string;
  description?: string;
  /** Only the fields the model generates: DataRecipe's `id`/`metadata` bookkeeping fields are excluded. */
  fields: FieldSpec[];
  scoringRubric?: RubricLevel[];
  /** Which input shape the schema was read from. */
  source: 'datarecipe' | 'json-schema' | 'field-list' | 'inferred';
}

/** A JSON Schema document, as a plain object. */
export type JsonSchema = Record<string, unknown>;
