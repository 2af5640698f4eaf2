// The providers' documented rules are read from the same tables the request builders use
// (packages/providers/src/schema/structured-output-support.ts, each entry cited there), so the
// server refuses exactly what the documentation says the real APIs refuse.
import {
  acceptedKeywords,
  anthropicStructuredSupport,
  openAIStrictSupport,
  type StructuredOutputSupport,
  unsupportedPatternFeature,
} from '../../providers/src/schema/structured-output-support.js';
import { isPlainObject, type JsonSchema } from './json-schema.js';

export { readConstraintNote } from '../../providers/src/schema/constraint-note.js';

/** Where a schema breaks a provider's rules: the node's path and what is wrong there. */
export interface RuleBreach {
  /** Path segments from the root, e.g. `['properties', 'records', 'items']`. */
  context: string[];
  /** The keyword at fault. */
  keyword: string;
  /** The node's type, for messages. */
  type: string;
  kind: 'not_permitted' | 'not_closed' | 'not_all_required' | 'bad_value';
  /** For `not_all_required`: the property missing from `required`. */
  missing?: string;
}

function nodeTypes(schema: JsonSchema): string[] {
  const types =
    typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  const list = types.filter((type): type is string => typeof type === 'string');
  if (isPlainObject(schema.properties) && !list.includes('object')) list.push('object');
  if (schema.items !== undefined && !list.includes('array')) list.push('array');
  return list;
}

function breachOf(
  schema: unknown,
  support: StructuredOutputSupport,
  context: string[],
): RuleBreach | undefined {
  if (!isPlainObject(schema)) return undefined;
  const types = nodeTypes(schema);
  const type = types.find((entry) => entry !== 'null') ?? 'any';
  const accepted = acceptedKeywords(support, types);
  for (const [keyword, value] of Object.entries(schema)) {
    if (support.annotations.includes(keyword)) continue;
    if (!accepted.has(keyword)) return { context, keyword, type, kind: 'not_permitted' };
    const badValue =
      (keyword === 'format' && !support.formats.includes(String(value))) ||
      (keyword === 'pattern' && unsupportedPatternFeature(support, String(value)) !== undefined) ||
      (keyword === 'minItems' &&
        support.minItemsValues !== undefined &&
        !support.minItemsValues.includes(value as number));
    if (badValue) return { context, keyword, type, kind: 'bad_value' };
  }
  if (types.includes('object')) {
    if (support.closedObjects && schema.additionalProperties !== false) {
      return { context, keyword: 'additionalProperties', type, kind: 'not_closed' };
    }
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (support.allPropertiesRequired) {
      const missing = Object.keys(properties).find((key) => !required.includes(key));
      if (missing !== undefined)
        return { context, keyword: 'required', type, kind: 'not_all_required', missing };
    }
    for (const [key, child] of Object.entries(properties)) {
      const found = breachOf(child, support, [...context, 'properties', key]);
      if (found) return found;
    }
  }
  if (isPlainObject(schema.items)) {
    const found = breachOf(schema.items, support, [...context, 'items']);
    if (found) return found;
  }
  for (const keyword of ['anyOf', 'allOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const [index, branch] of branches.entries()) {
      const found = breachOf(branch, support, [...context, keyword, String(index)]);
      if (found) return found;
    }
  }
  for (const keyword of ['$defs', 'definitions'] as const) {
    const definitions = schema[keyword];
    if (!isPlainObject(definitions)) continue;
    for (const [name, definition] of Object.entries(definitions)) {
      const found = breachOf(definition, support, [...context, keyword, name]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first place an OpenAI `strict: true` schema breaks the documented subset, as OpenAI words it. */
export function openAIStrictSchemaError(schema: JsonSchema, name: string): string | undefined {
  const breach = breachOf(schema, openAIStrictSupport, []);
  if (!breach) return undefined;
  const where = `Invalid schema for response_format '${name}': In context=(${breach.context.map((part) => `'${part}'`).join(', ')})`;
  switch (breach.kind) {
    case 'not_closed':
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    case 'not_all_required':
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${breach.missing}'.`;
    case 'bad_value':
      return `${where}, '${breach.keyword}' value is not supported.`;
    default:
      return `${where}, '${breach.keyword}' is not permitted.`;
  }
}

/** The first place an Anthropic structured-output schema breaks the documented limitations. */
export function anthropicSchemaError(schema: JsonSchema, parameter: string): string | undefined {
  const breach = breachOf(schema, anthropicStructuredSupport, []);
  if (!breach) return undefined;
  switch (breach.kind) {
    case 'not_closed':
      return `${parameter}: For 'object' type, 'additionalProperties' must be explicitly set to false`;
    case 'bad_value':
      return `${parameter}: For '${breach.type}' type, the value of property '${breach.keyword}' is not supported`;
    default:
      return `${parameter}: For '${breach.type}' type, property '${breach.keyword}' is not supported`;
  }
}
