type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `type` of a schema node as a list (empty when absent). */
export function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((type): type is string => typeof type === 'string');
  return [];
}

/** Whether a (converted) schema already admits `null`. */
export function allowsNull(schema: unknown): boolean {
  if (!isSchema(schema)) return schema === true;
  if (typesOf(schema).includes('null')) return true;
  if (schema.nullable === true) return true;
  if (schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.some(allowsNull)) return true;
  }
  return false;
}

/** The strict-mode way to say "this field may be absent": admit `null`. */
export function makeNullable(schema: Schema): Schema {
  if (allowsNull(schema)) return schema;
  const types = typesOf(schema);
  const hasRef = typeof schema.$ref === 'string';
  const isComposite = types.includes('object') || types.includes('array');
  if (
    types.length > 0 &&
    !hasRef &&
    !isComposite &&
    schema.anyOf === undefined &&
    schema.const === undefined
  ) {
    const nullable: Schema = { ...schema, type: [...types, 'null'] };
    if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null];
    return nullable;
  }
  if (
    Array.isArray(schema.anyOf) &&
    Object.keys(schema).every((key) => key === 'anyOf' || key === 'description')
  ) {
    return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  }
  const { description, ...rest } = schema;
  const wrapped: Schema = { anyOf: [rest, { type: 'null' }] };
  if (description !== undefined) wrapped.description = description;
  return wrapped;
}
