import { createHash } from 'node:crypto';
import type { DatasetSchema } from '@datasynth/prompts';
import { canonicalJson } from '../dedup/index.js';

/** A stable hash of what the schema asks for: field names, types, requiredness and constraints. */
export function schemaFingerprint(schema: DatasetSchema): string {
  return createHash('sha256').update(canonicalJson(schema.fields)).digest('hex').slice(0, 32);
}
