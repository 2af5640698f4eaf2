/**
 * What one provider's structured output accepts of JSON Schema, as data. The request builders
 * (`toOpenAIStrictSchema`, `toAnthropicStructuredSchema`) and the loopback test server
 * (`packages/testkit`) both read these tables, so a misreading cannot hide in a test that shares
 * it. Keep every entry beside the page it was read from.
 */
export interface StructuredOutputSupport {
  /** Who publishes the rules (for messages). */
  provider: string;
  /** Keywords accepted on any schema node. */
  anyType: readonly string[];
  /** Keywords accepted only on nodes of one type (`integer` shares `number`'s). */
  byType: Readonly<Record<'string' | 'number' | 'array' | 'object', readonly string[]>>;
  /** Values `format` may take; any other format is not accepted. */
  formats: readonly string[];
  /** Keywords that only annotate: dropped without a word when not accepted. */
  annotations: readonly string[];
  /** Every object must say `additionalProperties: false`. */
  closedObjects: boolean;
  /** Every property must be listed in `required` (optional ones are nullable instead). */
  allPropertiesRequired: boolean;
  /** Allowed values of `minItems`, when only some are (Anthropic: 0 and 1). */
  minItemsValues?: readonly number[];
  /** Regular-expression features `pattern` must not use, when only a subset is supported. */
  unsupportedPatternFeatures?: readonly { name: string; test: RegExp }[];
}

const annotations = [
  '$schema',
  '$id',
  '$comment',
  '$anchor',
  'default',
  'examples',
  'example',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentEncoding',
  'contentMediaType',
];

/**
 * OpenAI Structured Outputs with `strict: true`.
 * Source: https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 * (read 2026-12-06). Everything listed there is kept; everything else is not accepted in strict
 * mode (the guide names allOf, not, dependentRequired, dependentSchemas, if, then, else as
 * unsupported; string minLength/maxLength and the other keywords are simply not in the list).
 */
export const openAIStrictSupport: StructuredOutputSupport = {
  provider: 'OpenAI strict structured output',
  // "Supported types: String, Number, Boolean, Integer, Object, Array, Enum, anyOf"; $defs/$ref
  // ("Definitions are supported"), const (counted in the schema size limits), description/title.
  anyType: ['type', 'enum', 'const', 'anyOf', '$ref', '$defs', 'definitions', 'description', 'title'],
  byType: {
    // "Supported string properties: pattern, format"
    string: ['pattern', 'format'],
    // "Supported number properties: multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum"
    number: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
    // "Supported array properties: minItems, maxItems" (plus items, the element schema)
    array: ['items', 'minItems', 'maxItems'],
    // "additionalProperties: false must always be set in objects"; "all fields must be required"
    object: ['properties', 'required', 'additionalProperties'],
  },
  // "format — Predefined formats for strings. Currently supported: date-time, time, date,
  // duration, email, hostname, ipv4, ipv6, uuid"
  formats: ['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid'],
  annotations,
  closedObjects: true,
  allPropertiesRequired: true,
};

/**
 * Anthropic structured outputs: JSON outputs (`output_config.format`) and strict tool use.
 * Source: https://platform.claude.com/docs/en/build-with-claude/structured-outputs, section
 * "JSON Schema limitations" (read 2026-12-06); the formats match `SUPPORTED_STRING_FORMATS` of
 * `@anthropic-ai/sdk` 1.14.0 `lib/transform-json-schema.ts`, Anthropic's own transform.
 * Not supported there: numerical constraints (minimum, maximum, multipleOf…), string
 * constraints (minLength, maxLength), array constraints beyond minItems 0 or 1, additionalProperties
 * other than false, recursive schemas, external $ref.
 */
export const anthropicStructuredSupport: StructuredOutputSupport = {
  provider: 'Anthropic structured output',
  // "All basic types", "enum (strings, numbers, bools, or nulls only)", "const", "anyOf and allOf
  // (with limitations)", "$ref, $def, and definitions", "default property for all supported types"
  anyType: [
    'type',
    'enum',
    'const',
    'anyOf',
    'allOf',
    '$ref',
    '$defs',
    'definitions',
    'default',
    'description',
    'title',
  ],
  byType: {
    // "String formats: …"; "Pattern support (regex)": a subset, see unsupportedPatternFeatures
    string: ['format', 'pattern'],
    // "Numerical constraints (minimum, maximum, multipleOf, etc.)" are not supported
    number: [],
    // "Array minItems (only values 0 and 1 are supported)"
    array: ['items', 'minItems'],
    // "required and additionalProperties (must be set to false for objects)"
    object: ['properties', 'required', 'additionalProperties'],
  },
  formats: ['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid'],
  annotations: annotations.filter((keyword) => keyword !== 'default'),
  closedObjects: true,
  allPropertiesRequired: false,
  minItemsValues: [0, 1],
  // "Not supported: backreferences (\1), lookahead/lookbehind, word boundaries (\b, \B)"
  unsupportedPatternFeatures: [
    { name: 'backreferences', test: /\\[1-9]|\\k</ },
    { name: 'lookaround', test: /\(\?<?[=!]/ },
    { name: 'word boundaries', test: /\\[bB]/ },
  ],
};

/** The keywords a node of these types may carry under `support`. */
export function acceptedKeywords(support: StructuredOutputSupport, types: readonly string[]): Set<string> {
  const accepted = new Set(support.anyType);
  for (const type of types) {
    const key = type === 'integer' ? 'number' : type;
    if (key === 'string' || key === 'number' || key === 'array' || key === 'object') {
      for (const keyword of support.byType[key]) accepted.add(keyword);
    }
  }
  return accepted;
}

/** Why `pattern` cannot be sent under `support`, or undefined when it can. */
export function unsupportedPatternFeature(
  support: StructuredOutputSupport,
  pattern: string,
): string | undefined {
  return support.unsupportedPatternFeatures?.find((feature) => feature.test.test(pattern))?.name;
}
