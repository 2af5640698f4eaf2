import { SIGNATURE_LENGTH } from './min-hash.js';

/** How a signature is cut into bands for locality-sensitive hashing. */
export interface LshBands {
  bands: number;
  rows: number;
}

// A pair whose estimated similarity is exactly the threshold must become a candidate with at
// least this probability; pairs above it are found far more reliably (at the default 0.7 with 64
// permutations, 16 bands × 4 rows: 98.8% at 0.7, 99.98% at 0.8).
const TARGET_RECALL = 0.98;

/**
 * Picks the most rows per band (fewest false candidates to verify) such that a pair at
 * similarity `threshold` shares at least one whole band with probability ≥ 0.98
 * (`1 − (1 − t^rows)^bands`). For 0.7 that is 16 bands × 4 rows.
 */
export function chooseLshBands(threshold: number): LshBands {
  let best: LshBands = { bands: SIGNATURE_LENGTH, rows: 1 };
  for (let rows = 1; rows <= SIGNATURE_LENGTH; rows++) {
    const bands = Math.floor(SIGNATURE_LENGTH / rows);
    const recall = 1 - (1 - threshold ** rows) ** bands;
    if (recall < TARGET_RECALL) break;
    best = { bands, rows };
  }
  return best;
}
