/** Share of generated records a plan expects to keep: `@datasynth/cost`'s one planning yield. */
export { DEFAULT_EXPECTED_YIELD as EXPECTED_YIELD } from '@datasynth/cost';
export {
  DEFAULT_MODEL,
  DEFAULT_OPENAI_MODEL,
  type DefaultModelContext,
  defaultModel,
} from './config/default-model.js';
export { parseSynthesisConfig } from './config/parse-config.js';
export {
  DEFAULT_TEMPERATURE,
  JudgeConfigSchema,
  PriceOverridesSchema,
  type ResolvedSynthesisConfig,
  SteeringConfigSchema,
  type SynthesisConfig,
  SynthesisConfigSchema,
} from './config/synthesis-config.js';
export {
  CJK_NGRAM_LENGTH,
  ContaminationGuard,
  type ContaminationGuardOptions,
  type GuardedItem,
  type GuardVerdict,
  loadHoldout,
  WORD_NGRAM_LENGTH,
} from './contamination/index.js';
export {
  canonicalJson,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  DedupIndex,
  type DedupOptions,
  type DedupSource,
  type DedupVerdict,
  recordText,
} from './dedup/index.js';
export { SynthesisError, type SynthesisErrorCode } from './errors/synthesis-error.js';
export {
  EXPECTED_JUDGE_PASS_RATE,
  type JudgeEstimate,
} from './estimate/estimate-judge.js';
export {
  DEFAULT_PROMPT_TOKENS,
  estimateSynthesis,
  type SynthesisEstimate,
} from './estimate/estimate-synthesis.js';
export { Governor, type GovernorNotice, type GovernorOptions } from './governor/governor.js';
export type { PacingLimit, PacingLimits, PacingSource } from './governor/rate-pacer.js';
export {
  type InputSource,
  type LoadInputsOptions,
  loadInputs,
  type SynthesisInputs,
} from './inputs/load-inputs.js';
export {
  type IngestResult,
  type InteractivePromptOptions,
  ingestReply,
  prepareInteractiveSynthesis,
} from './interactive/interactive-synthesis.js';
export { JournalError, type JournalPaths, journalPaths } from './journal/index.js';
export type { JudgeGoldCheck } from './judge/check-judge-on-gold.js';
export { cohensKappa, spearmanCorrelation } from './judge/judge-agreement.js';
export {
  describeJudgeAgreement,
  type GoldItem,
  type JudgeGoldReport,
  readJudgeGold,
} from './judge/judge-gold.js';
export type { JudgeVerdict } from './judge/record-judge.js';
export {
  type ConvertFileOptions,
  convertFile,
  type FieldRoles,
  formatForPath,
  inferFieldRoles,
  mapRecordToFormat,
  OUTPUT_FORMATS,
  OutputError,
  type OutputFormat,
  readRecordsFile,
} from './output/index.js';
export {
  checkOutputTarget,
  type InputFile,
  type InputFileRole,
  type PreflightOptions,
  preflightRun,
} from './preflight/index.js';
export {
  groupProvenanceFile,
  PROVENANCE_GROUPS,
  type ProvenanceGroup,
  type ProvenanceGroupRow,
  type ProvenanceGroups,
  type ProvenanceLine,
  provenancePath,
  type RecordProvenance,
  type RunManifest,
  readProvenanceSidecar,
  readRunManifest,
} from './provenance/index.js';
export {
  buildRunReport,
  loadRunReport,
  type RejectedDuplicateCluster,
  type ReportContext,
  type RunReport,
  renderReport,
} from './report/index.js';
export { createSecretRedactor } from './secrets/secret-redactor.js';
export { MIN_SECRET_LENGTH, REDACTED, runSecrets, SecretScanner } from './secrets/secret-scanner.js';
export {
  type ComputeStatsOptions,
  computeStats,
  type DatasetStats,
  type DiversityStats,
  type FieldStats,
  type HistogramBin,
  type HoldoutOverlapStats,
  type StatsFieldSpec,
} from './stats/index.js';
export type { DiversityPoint, DiversityTrailState } from './steering/diversity-trail.js';
export type { JudgeGoldInput, RunJudgeGold } from './synthesizer/check-judge-gold.js';
export {
  DataSynthesizer,
  type DataSynthesizerOptions,
  type RunOptions,
  type SynthesizeOptions,
} from './synthesizer/data-synthesizer.js';
export type {
  BatchProgress,
  StopReason,
  SynthesisEvent,
  SynthesisProgress,
  SynthesisResult,
} from './synthesizer/events.js';
export type { YieldFunnel } from './synthesizer/yield-funnel.js';
export { isWideCharacter } from './text/wide-character.js';
