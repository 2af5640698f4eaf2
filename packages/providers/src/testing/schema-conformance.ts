type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isSchema(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/**
 * Violations of a value against the JSON Schema subset the fixtures use (type, enum, required,
 * additionalProperties false, items, string length, pattern, numeric range, item count). With
 * `shapeOnly`, length, pattern, range and item-count limits are skipped: only what OpenAI strict
 * mode enforces is checked. Test helper; empty when the value conforms.
 */
export function schemaViolations(
  value: unknown,
  schema: unknown,
  options: { shapeOnly?: boolean } = {},
  path = '$',
): string[] {
  if (!isSchema(schema)) return [];
  const errors: string[] = [];
  const types =
    typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  if (types.length > 0 && !types.some((type) => typeMatches(String(type), value))) {
    return [`${path}: expected ${types.join('|')}, got ${JSON.stringify(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never))
    errors.push(`${path}: not in enum`);
  if (typeof value === 'string' && !options.shapeOnly) {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      errors.push(`${path}: too long`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${path}: pattern`);
    }
  }
  if (typeof value === 'number' && !options.shapeOnly) {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (!options.shapeOnly && typeof schema.minItems === 'number' && value.length < schema.minItems) {
      errors.push(`${path}: too few items`);
    }
    if (!options.shapeOnly && typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      errors.push(`${path}: too many items`);
    }
    value.forEach((item, index) => {
      errors.push(...schemaViolations(item, schema.items, options, `${path}[${index}]`));
    });
  }
  if (isSchema(value) && isSchema(schema.properties)) {
    const properties = schema.properties;
    for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!(key in value)) errors.push(`${path}.${key}: missing`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (!(key in properties)) {
        if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
        continue;
      }
      errors.push(...schemaViolations(child, properties[key], options, `${path}.${key}`));
    }
  }
  return errors;
}
