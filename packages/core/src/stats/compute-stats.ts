import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex } from '../dedup/dedup-index.js';
import type { DatasetStats, DiversityStats, FieldStats } from './dataset-stats.js';
import { DistinctBigrams } from './distinct-bigrams.js';
import { computeFieldStats, type StatsFieldSpec } from './field-stats.js';
import { SeedSimilarityIndex } from './seed-similarity.js';
import { forEachTextLeaf } from './text-leaves.js';

/** Options of {@link computeStats}. */
export interface ComputeStatsOptions {
  /** Field order, declared types and enum members; a `DatasetSchema` from `@datasynth/prompts` fits. */
  schema?: { fields: readonly StatsFieldSpec[] };
  /** Seed records, to measure how close the records stay to them. */
  seeds?: readonly Record<string, unknown>[];
  /** Similarity at or above which two records are near-duplicates; defaults to {@link DEFAULT_NEAR_DUPLICATE_THRESHOLD}. */
  nearThreshold?: number;
}

const CLOSEST_TO_SEED_LIMIT = 10;
const DUPLICATE_CLUSTER_LIMIT = 10;

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
  return {
    count: records.length,
    fields: fieldStats(records, options.schema),
    diversity: diversityStats(records, options.schema, options.seeds, threshold),
  };
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
  const bigramsByPath = new Map<string, DistinctBigrams>();
  const dedup = new DedupIndex({ exact: true, near: true, threshold });
  let nearDuplicates = 0;
  const clusters = new Map<number, { index: number; similarity: number }[]>();
  records.forEach((record, index) => {
    forEachTextLeaf(record, (path, text) => {
      if (enumFields.has(path)) return;
      let bigrams = bigramsByPath.get(path);
      if (!bigrams) {
        bigrams = new DistinctBigrams();
        bigramsByPath.set(path, bigrams);
      }
      bigrams.add(text);
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

  const distinct2: Record<string, number> = {};
  for (const path of [...bigramsByPath.keys()].sort()) {
    const ratio = bigramsByPath.get(path)!.ratio();
    if (ratio !== undefined) distinct2[path] = ratio;
  }
  const diversity: DiversityStats = {
    distinct2,
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
): Pick<DiversityStats, 'tooCloseToSeedRate' | 'closestToSeed'> {
  const index = new SeedSimilarityIndex(seeds);
  const closest: { index: number; seedIndex: number; similarity: number }[] = [];
  let tooClose = 0;
  records.forEach((record, recordIndex) => {
    const match = index.closest(record);
    if (!match) return;
    if (match.similarity >= threshold) tooClose++;
    closest.push({ index: recordIndex, seedIndex: match.seedIndex, similarity: match.similarity });
  });
  closest.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  return {
    tooCloseToSeedRate: records.length === 0 ? 0 : tooClose / records.length,
    closestToSeed: closest.slice(0, CLOSEST_TO_SEED_LIMIT),
  };
}
