export type { ComputeStatsOptions } from './compute-stats.js';
export { computeStats } from './compute-stats.js';
export type {
  DatasetStats,
  DiversityStats,
  FieldStats,
  HistogramBin,
  HoldoutOverlapStats,
} from './dataset-stats.js';
export type { StatsFieldSpec } from './field-stats.js';
