// ---- schema ----

export { type BuiltPrompt, buildPrompt } from './build-prompt.js';
export {
  buildStablePrompt,
  DEFAULT_MAX_GUIDELINE_CHARS,
  type PromptOptions,
  type StablePrompt,
} from './build-stable-prompt.js';
export { buildVaryingPrompt, type VaryingPromptOptions } from './build-varying-prompt.js';
export { checkSeeds, type SeedCheck } from './check-seeds.js';
export { createValidator, type RecordValidation, type RecordValidator } from './create-validator.js';
export type {
  DatasetSchema,
  DataTypeHint,
  FieldConstraints,
  FieldSpec,
  FieldType,
  JsonSchema,
  RubricLevel,
} from './dataset-schema.js';
export { describeSchema } from './describe-schema.js';
export { type DataType, detectDataType } from './detect-data-type.js';
// ---- templates ----
export { CJK_SHARE_THRESHOLD, detectLanguage, type Language } from './detect-language.js';
export { inferSchema } from './infer-schema.js';
export { assertJsonDepth, jsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
// ---- judging and topics ----
export {
  buildJudgePrompt,
  DEFAULT_JUDGE_SCALE,
  type JudgePrompt,
  type JudgePromptOptions,
  type JudgeScale,
  judgeScale,
} from './judge-prompt.js';
export {
  type JudgeScore,
  type JudgeScoresResult,
  judgeScoresSchema,
  parseJudgeScores,
} from './judge-scores.js';
export { parseInteractive } from './parse-interactive.js';
// ---- parsing ----
export { type DroppedItem, type ParseResult, parseRecords } from './parse-records.js';
export { type ParsedSchema, type ParseSchemaOptions, parseSchema } from './parse-schema.js';
// ---- seeds ----
export { parseSeeds } from './parse-seeds.js';
// ---- interactive ----
export {
  type InteractiveOptions,
  type InteractivePrompt,
  prepareInteractive,
} from './prepare-interactive.js';
export { type ProjectedSeeds, projectSeeds } from './project-seeds.js';
export { PromptsError, type PromptsErrorCode } from './prompts-error.js';
export {
  type DataRecipeFolder,
  dataRecipeFolderPaths,
  readDataRecipeFolder,
  type SeedSource,
} from './read-datarecipe-folder.js';
export { readSchemaFile } from './read-schema-file.js';
export { readSeedsFile } from './read-seeds-file.js';
// ---- reading input files ----
export {
  DEFAULT_MAX_INPUT_BYTES,
  describeFileKind,
  formatBytes,
  type ReadTextOptions,
  readTextFile,
} from './read-text-file.js';
export {
  type JsonSchemaOptions,
  type RecordsEnvelopeOptions,
  recordsEnvelopeSchema,
  toJsonSchema,
} from './to-json-schema.js';
export { buildTopicsPrompt, parseTopics, type TopicsPromptOptions, topicsSchema } from './topics-prompt.js';
