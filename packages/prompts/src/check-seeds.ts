import { createValidator } from './create-validator.js';
import type { DatasetSchema } from './dataset-schema.js';

/** Seeds split by whether they fit the schema; every misfit says which seed (0-based index) and why. */
export interface SeedCheck {
  valid: Record<string, unknown>[];
  invalid: { index: number; issues: string[] }[];
}

/** Checks every seed against the schema, so misfits are reported rather than silently used or dropped. */
export function checkSeeds(seeds: Record<string, unknown>[], schema: DatasetSchema): SeedCheck {
  const validator = createValidator(schema);
  const check: SeedCheck = { valid: [], invalid: [] };
  seeds.forEach((seed, index) => {
    const result = validator.validate(seed);
    if (result.ok) check.valid.push(seed);
    else check.invalid.push({ index, issues: result.issues });
  });
  return check;
}
