import { InvalidArgumentError } from 'commander';

const PART = /^(distinct-2|near-dup)\s*(>=|<=)\s*(\d*\.?\d+)$/;
const USAGE =
  'Expected distinct-2>=<0..1> and/or near-dup<=<0..1>, comma-separated, e.g. distinct-2>=0.6,near-dup<=0.05.';

/** Parses `--diversity-target distinct-2>=0.6,near-dup<=0.05` into core's `steering.diversityTarget`. */
export function parseDiversityTarget(value: string): {
  minDistinct2?: number;
  maxNearDuplicateRate?: number;
} {
  const target: { minDistinct2?: number; maxNearDuplicateRate?: number } = {};
  for (const part of value.split(',')) {
    const match = PART.exec(part.trim());
    const number = Number(match?.[3]);
    if (!match || !(number >= 0 && number <= 1)) throw new InvalidArgumentError(USAGE);
    if (match[1] === 'distinct-2' && match[2] === '>=') target.minDistinct2 = number;
    else if (match[1] === 'near-dup' && match[2] === '<=') target.maxNearDuplicateRate = number;
    else throw new InvalidArgumentError(USAGE);
  }
  return target;
}
