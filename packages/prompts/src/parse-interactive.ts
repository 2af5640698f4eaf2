import { createValidator } from './create-validator.js';
import type { DatasetSchema } from './dataset-schema.js';
import { parseRecords } from './parse-records.js';

/**
 * Parses and validates a reply pasted back from interactive mode. Only valid records are returned;
 * `issues` says what was dropped and why ("record 3: output: required field missing").
 */
export function parseInteractive(
  text: string,
  schema: DatasetSchema,
): { records: Record<string, unknown>[]; issues: string[] } {
  const parsed = parseRecords(text, schema);
  const validator = createValidator(schema);
  const issues: string[] = parsed.dropped.map((item) =>
    item.snippet === undefined ? `dropped: ${item.reason}` : `dropped: ${item.reason}: ${item.snippet}`,
  );
  if (parsed.truncated) {
    issues.push(
      `the reply was cut off; the ${parsed.records.length} complete record(s) before the cut were read`,
    );
  }
  const records: Record<string, unknown>[] = [];
  parsed.records.forEach((record, index) => {
    const result = validator.validate(record);
    if (result.ok) records.push(record);
    else issues.push(`record ${index + 1}: ${result.issues.join('; ')}`);
  });
  return { records, issues };
}
