import { ContaminationGuard } from '../contamination/contamination-guard.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex } from '../dedup/dedup-index.js';
import type { DatasetStats, DiversityStats, FieldStats, HoldoutOverlapStats } from './dataset-stats.js';
import { DistinctNgrams } from './distinct-ngrams.js';
import { computeFieldStats, type StatsFieldSpec } from './field-stats.js';
import { nearestNeighbourSimilarities } from './nearest-neighbours.js';
import { SeedSimilarityIndex } from './seed-similarity.js';
import { coefficientOfVariation, normalisedEntropy, similarityDistribution } from './spread.js';
import { forEachTextLeaf } from './text-leaves.js';

/** Options of {@link computeStats}. */
export interface ComputeStatsOptions {
  /** Field order, declared types and enum members; a `DatasetSchema` from `@datasynth/prompts` fits. */
  schema?: { fields: readonly StatsFieldSpec[] };
  /** Seed records, to measure how close the records stay to them. */
  seeds?: readonly Record<string, unknown>[];
  /** Similarity at or above which two records are near-duplicates; defaults to {@link DEFAULT_NEAR_DUPLICATE_THRESHOLD}. */
  nearThreshold?: number;
  /** Held-out sets (see `loadHoldout`), to count the records that overlap them. */
  holdout?: ContaminationGuard;
}

const CLOSEST_TO_SEED_LIMIT = 10;
const DUPLICATE_CLUSTER_LIMIT = 10;
const HOLDOUT_EXAMPLES = 20;

/**
 * Per-field distributions (presence, text lengths, numbers, categories, list sizes) and
 * diversity figures (distinct-2 per text path, near-duplicate rate, closeness to the seeds) of
 * a record set. Fields come in schema order, then any other top-level keys in order of first
 * appearance. Deterministic: the same input gives the same output.
 *
 * @throws RangeError when `nearThreshold` is not a number in (0, 1].
 */
export function computeStats(
  records: readonly Record<string, unknown>[],
  options: ComputeStatsOptions = {},
): DatasetStats {
  const threshold = options.nearThreshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  const fields = fieldStats(records, options.schema);
  const diversity = diversityStats(records, options.schema, options.seeds, threshold);
  Object.assign(diversity, spreads(records, fields));
  return {
    count: records.length,
    fields,
    diversity,
    ...(options.holdout && { holdout: holdoutOverlap(records, options.holdout) }),
  };
}

function holdoutOverlap(
  records: readonly Record<string, unknown>[],
  guard: ContaminationGuard,
): HoldoutOverlapStats {
  const examples: HoldoutOverlapStats['examples'] = [];
  let count = 0;
  records.forEach((record, index) => {
    const verdict = guard.check(record);
    if (!verdict.hit) return;
    count++;
    if (examples.length < HOLDOUT_EXAMPLES) {
      const { file, item, id, kind } = verdict;
      examples.push({ index, file, item, ...(id !== undefined && { id }), kind });
    }
  });
  return { count, rate: records.length === 0 ? 0 : count / records.length, examples };
}

function spreads(
  records: readonly Record<string, unknown>[],
  fields: readonly FieldStats[],
): Pick<DiversityStats, 'lengthSpread' | 'valueSpread' | 'nearestNeighbour'> {
  const lengthSpread: Record<string, number> = {};
  const valueSpread: Record<string, number> = {};
  for (const field of fields) {
    if (field.length && !field.values) {
      const lengths = records.flatMap((record) => {
        const value = record[field.name];
        return typeof value === 'string' ? [[...value].length] : [];
      });
      const spread = coefficientOfVariation(lengths);
      if (spread !== undefined) lengthSpread[field.name] = spread;
    }
    if (field.values) {
      const spread = normalisedEntropy(field.values.map((entry) => entry.count));
      if (spread !== undefined) valueSpread[field.name] = spread;
    }
  }
  const nearestNeighbour = similarityDistribution(nearestNeighbourSimilarities(records));
  return { lengthSpread, valueSpread, ...(nearestNeighbour && { nearestNeighbour }) };
}

function fieldStats(
  records: readonly Record<string, unknown>[],
  schema: ComputeStatsOptions['schema'],
): FieldStats[] {
  const specs = new Map<string, StatsFieldSpec | undefined>();
  for (const spec of schema?.fields ?? []) specs.set(spec.name, spec);
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!specs.has(key)) specs.set(key, undefined);
    }
  }
  return [...specs].map(([name, spec]) =>
    computeFieldStats(
      name,
      records.map((record) => (Object.hasOwn(record, name) ? record[name] : undefined)),
      spec,
    ),
  );
}

function diversityStats(
  records: readonly Record<string, unknown>[],
  schema: ComputeStatsOptions['schema'],
  seeds: readonly Record<string, unknown>[] | undefined,
  threshold: number,
): DiversityStats {
  const enumFields = new Set(
    (schema?.fields ?? [])
      .filter((spec) => (spec.constraints?.enum?.length ?? 0) > 0)
      .map((spec) => spec.name),
  );
  const ngramsByPath = new Map<string, DistinctNgrams>();
  const dedup = new DedupIndex({ exact: true, near: true, threshold });
  let nearDuplicates = 0;
  const clusters = new Map<number, { index: number; similarity: number }[]>();
  records.forEach((record, index) => {
    forEachTextLeaf(record, (path, text) => {
      if (enumFields.has(path)) return;
      let ngrams = ngramsByPath.get(path);
      if (!ngrams) {
        ngrams = new DistinctNgrams();
        ngramsByPath.set(path, ngrams);
      }
      ngrams.add(text);
    });
    const verdict = dedup.checkAndAdd(record, String(index), 'accepted');
    if (verdict.duplicate) {
      nearDuplicates++;
      const first = Number(verdict.matchedId);
      const members = clusters.get(first) ?? [];
      members.push({ index, similarity: verdict.similarity });
      clusters.set(first, members);
    }
  });

  const distinct1: Record<string, number> = {};
  const distinct2: Record<string, number> = {};
  const distinct3: Record<string, number> = {};
  for (const path of [...ngramsByPath.keys()].sort()) {
    const ratios = ngramsByPath.get(path)!.ratios();
    if (ratios === undefined) continue;
    distinct1[path] = ratios.distinct1;
    if (ratios.distinct2 !== undefined) distinct2[path] = ratios.distinct2;
    if (ratios.distinct3 !== undefined) distinct3[path] = ratios.distinct3;
  }
  const diversity: DiversityStats = {
    distinct2,
    distinct1,
    distinct3,
    lengthSpread: {},
    valueSpread: {},
    nearDuplicateRate: records.length === 0 ? 0 : nearDuplicates / records.length,
  };
  if (seeds !== undefined) Object.assign(diversity, seedCloseness(records, seeds, threshold));
  if (clusters.size > 0) {
    diversity.duplicateClusters = [...clusters]
      .map(([first, duplicates]) => ({ index: first, duplicates }))
      .sort((a, b) => b.duplicates.length - a.duplicates.length || a.index - b.index)
      .slice(0, DUPLICATE_CLUSTER_LIMIT);
  }
  return diversity;
}

function seedCloseness(
  records: readonly Record<string, unknown>[],
  seeds: readonly Record<string, unknown>[],
  threshold: number,
): Pick<DiversityStats, 'tooCloseToSeedRate' | 'seedCopyRate' | 'closestToSeed'> {
  const index = new SeedSimilarityIndex(seeds);
  const guard = new ContaminationGuard({ threshold });
  guard.addFile('seeds', seeds);
  const closest: { index: number; seedIndex: number; similarity: number }[] = [];
  let tooClose = 0;
  let copies = 0;
  records.forEach((record, recordIndex) => {
    if (guard.check(record).hit) copies++;
    const match = index.closest(record);
    if (!match) return;
    if (match.similarity >= threshold) tooClose++;
    closest.push({ index: recordIndex, seedIndex: match.seedIndex, similarity: match.similarity });
  });
  closest.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  return {
    tooCloseToSeedRate: records.length === 0 ? 0 : tooClose / records.length,
    seedCopyRate: records.length === 0 ? 0 : copies / records.length,
    closestToSeed: closest.slice(0, CLOSEST_TO_SEED_LIMIT),
  };
}
