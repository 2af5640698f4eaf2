import { createHash } from 'node:crypto';
import type { DatasetSchema } from '@datasynth/prompts';
import { canonicalJson } from '../dedup/index.js';

/** A stable hash of a JSON value (key order ignored): 32 hex digits of its SHA-256. */
export function contentFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}

/** A stable hash of what the schema asks for: field names, types, requiredness and constraints. */
export function schemaFingerprint(schema: DatasetSchema): string {
  return contentFingerprint(schema.fields);
}
