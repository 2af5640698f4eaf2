import {
  isPlainObject,
  type JsonSchema,
  propertiesOf,
  requiredKeys,
  resolveSchema,
  schemaType,
} from './json-schema.js';
import type { SeededRandom } from './seeded-random.js';
import { readConstraintNote } from './structured-output-rules.js';
import type { TextGenerator } from './text-generator.js';

/** Produces random values that conform to a JSON Schema (the subset structured-output APIs accept). */
export class SchemaValueGenerator {
  readonly #root: JsonSchema;
  readonly #random: SeededRandom;
  readonly #text: TextGenerator;

  constructor(options: { root: JsonSchema; random: SeededRandom; text: TextGenerator }) {
    this.#root = options.root;
    this.#random = options.random;
    this.#text = options.text;
  }

  /**
   * Resolves `$ref`/`anyOf`/`oneOf`/`allOf` of a sub-schema against this generator's root. A model
   * reads the field's description too: constraints a provider moved there (a JSON object on its
   * last line) are honoured like the schema's own keywords.
   */
  resolve(schema: unknown): JsonSchema {
    const resolved = resolveSchema(schema, this.#root);
    const noted = readConstraintNote(resolved.description);
    return Object.keys(noted).length === 0 ? resolved : { ...noted, ...resolved };
  }

  /** A value conforming to `schema`; `arrayLength` overrides the length of this array (clamped to its bounds). */
  generate(schema: unknown, arrayLength?: number, depth = 0): unknown {
    const resolved = this.resolve(schema);
    if ('const' in resolved) return resolved.const;
    if (Array.isArray(resolved.enum) && resolved.enum.length > 0) {
      const choices = resolved.enum.filter((entry) => entry !== null);
      return this.#random.pick(choices.length > 0 ? choices : resolved.enum);
    }
    switch (schemaType(resolved)) {
      case 'object':
        return this.#object(resolved, depth);
      case 'array':
        return this.#array(resolved, arrayLength, depth);
      case 'string':
        return this.#string(resolved);
      case 'integer':
        return this.#integer(resolved);
      case 'number':
        return this.#number(resolved);
      case 'boolean':
        return this.#random.next() < 0.5;
      case 'null':
        return null;
      default:
        return this.#text.text({ maxLength: 120 });
    }
  }

  /** Clamps a wanted array length to the array schema's `minItems`/`maxItems`. */
  arrayLength(arraySchema: JsonSchema, wanted: number): number {
    const schema = { ...readConstraintNote(arraySchema.description), ...arraySchema };
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
    return Math.max(minItems, Math.min(maxItems, wanted));
  }

  #object(schema: JsonSchema, depth: number): Record<string, unknown> {
    const required = new Set(requiredKeys(schema));
    const result: Record<string, unknown> = {};
    for (const [key, propertySchema] of Object.entries(propertiesOf(schema))) {
      if (!required.has(key) && (depth > 6 || this.#random.next() < 0.3)) continue;
      result[key] = this.generate(propertySchema, undefined, depth + 1);
    }
    for (const key of required) {
      if (!(key in result)) result[key] = this.#text.text({ maxLength: 60 });
    }
    return result;
  }

  #array(schema: JsonSchema, wanted: number | undefined, depth: number): unknown[] {
    const length = this.arrayLength(schema, wanted ?? (depth > 6 ? 0 : this.#random.int(1, 3)));
    const items = isPlainObject(schema.items) ? schema.items : {};
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    const result: unknown[] = [];
    for (let index = 0; index < length; index += 1) {
      result.push(this.generate(prefix[index] ?? items, undefined, depth + 1));
    }
    return result;
  }

  #string(schema: JsonSchema): string {
    const format = typeof schema.format === 'string' ? schema.format : undefined;
    const formatted = format ? this.#formatted(format) : undefined;
    if (formatted !== undefined) return formatted;
    const bounds: { minLength?: number; maxLength?: number } = {};
    if (typeof schema.minLength === 'number') bounds.minLength = schema.minLength;
    if (typeof schema.maxLength === 'number') bounds.maxLength = schema.maxLength;
    return this.#text.text(bounds);
  }

  #formatted(format: string): string | undefined {
    const serial = this.#random.int(1, 999_999);
    const day = new Date(Date.UTC(2020, 0, 1) + this.#random.int(0, 2000) * 86_400_000);
    switch (format) {
      case 'email':
        return `user${serial}@example.com`;
      case 'uri':
      case 'url':
        return `https://example.com/item/${serial}`;
      case 'date':
        return day.toISOString().slice(0, 10);
      case 'date-time':
        return day.toISOString();
      case 'time':
        return day.toISOString().slice(11, 19);
      case 'uuid': {
        const hex = Array.from({ length: 32 }, () => this.#random.int(0, 15).toString(16)).join('');
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
      }
      default:
        return undefined;
    }
  }

  #integer(schema: JsonSchema): number {
    let minimum = typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 0;
    let maximum =
      typeof schema.maximum === 'number' ? Math.floor(schema.maximum) : Math.max(minimum, 0) + 1000;
    if (typeof schema.exclusiveMinimum === 'number') minimum = Math.floor(schema.exclusiveMinimum) + 1;
    if (typeof schema.exclusiveMaximum === 'number') maximum = Math.ceil(schema.exclusiveMaximum) - 1;
    const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : 1;
    if (step !== 1) {
      const low = Math.ceil(minimum / step);
      const high = Math.floor(maximum / step);
      if (low <= high) return this.#random.int(low, high) * step;
    }
    return this.#random.int(minimum, Math.max(minimum, maximum));
  }

  #number(schema: JsonSchema): number {
    const minimum =
      typeof schema.minimum === 'number'
        ? schema.minimum
        : typeof schema.exclusiveMinimum === 'number'
          ? schema.exclusiveMinimum
          : 0;
    const maximum =
      typeof schema.maximum === 'number'
        ? schema.maximum
        : typeof schema.exclusiveMaximum === 'number'
          ? schema.exclusiveMaximum
          : minimum + 1000;
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
      const step = schema.multipleOf;
      const low = Math.ceil(minimum / step);
      const high = Math.floor(maximum / step);
      if (low <= high) return Number((this.#random.int(low, high) * step).toPrecision(12));
    }
    const value = Math.round((minimum + this.#random.next() * (maximum - minimum)) * 100) / 100;
    if (value <= minimum && typeof schema.exclusiveMinimum === 'number') return (minimum + maximum) / 2;
    if (value >= maximum && typeof schema.exclusiveMaximum === 'number') return (minimum + maximum) / 2;
    return Math.min(maximum, Math.max(minimum, value));
  }
}
