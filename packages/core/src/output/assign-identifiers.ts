import type { RecordEntry } from '../records/record-entry.js';

interface IdentifierField {
  name: string;
  type: string;
}

function identifierFields(schema: Record<string, unknown>): IdentifierField[] {
  const declared = schema.identifiers;
  if (!Array.isArray(declared)) return [];
  return declared.filter(
    (field): field is IdentifierField =>
      typeof field === 'object' &&
      field !== null &&
      typeof (field as IdentifierField).name === 'string' &&
      typeof (field as IdentifierField).type === 'string',
  );
}

/** `SYNTH_0012` → 12 for integer identifiers; the record's position when the id holds no number. */
function numberOf(id: string, position: number): number {
  const digits = /(\d+)\D*$/.exec(id)?.[1];
  return digits === undefined ? position : Number(digits);
}

/**
 * Fills the schema's identifier fields (see `DatasetSchema.identifiers`) in each record's `data` with the
 * record's id, first among its keys: the sample id for string identifiers, its number for integer ones.
 * The model never writes them, and DataCheck's required-field rule expects every declared field.
 */
export async function* withIdentifiers(
  entries: Iterable<RecordEntry> | AsyncIterable<RecordEntry>,
  schema: Record<string, unknown>,
): AsyncGenerator<RecordEntry> {
  const fields = identifierFields(schema);
  let position = 0;
  for await (const entry of entries) {
    position += 1;
    if (fields.length === 0) {
      yield entry;
      continue;
    }
    const assigned: Record<string, unknown> = {};
    for (const field of fields) {
      assigned[field.name] = field.type === 'integer' ? numberOf(entry.id, position) : entry.id;
    }
    const rest = Object.fromEntries(Object.entries(entry.data).filter(([key]) => !(key in assigned)));
    yield { ...entry, data: { ...assigned, ...rest } };
  }
}
