import type { SeededRandom } from './seeded-random.js';
import type { FaultKind, TestServerFaults } from './test-server-types.js';

/** Fault kinds in the order their probabilities are laid out on one uniform draw. */
export const faultOrder: readonly FaultKind[] = [
  'rateLimit',
  'quota',
  'server',
  'overloaded',
  'reset',
  'hang',
  'truncate',
  'malformed',
  'empty',
  'refusal',
];

/**
 * Picks at most one fault for a request: one uniform draw against the probabilities laid end to
 * end in {@link faultOrder}, so each kind occurs at its configured rate (when they sum to ≤ 1).
 */
export function drawFault(faults: TestServerFaults | undefined, random: SeededRandom): FaultKind | undefined {
  const draw = random.next();
  if (!faults) return undefined;
  let threshold = 0;
  for (const kind of faultOrder) {
    threshold += faults[kind] ?? 0;
    if (draw < threshold) return kind;
  }
  return undefined;
}
