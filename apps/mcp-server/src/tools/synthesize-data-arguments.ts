import { OUTPUT_FORMATS, type SynthesisConfig } from '@datasynth/core';
import { z } from 'zod';
import type { ModelSettings } from '../model-settings.js';
import { strictArguments } from '../strict-arguments.js';
import { dataTypeArgument, diversityArgument, languageArgument, toDataType } from './generation-arguments.js';
import { inputLimitShape, toInputLimit } from './input-limit-argument.js';
import { inputSourceShape } from './input-source-arguments.js';
import { runSettingsShape, toRunSettings } from './run-settings-arguments.js';

/** The arguments of `synthesize_data`; an unknown one is an error listing these. */
export const synthesizeDataArguments = strictArguments({
  ...inputSourceShape,
  output_path: z
    .string()
    .optional()
    .describe(
      'Output file. Default for analysis_dir: 11_合成数据/synthetic.json in the folder; required otherwise.',
    ),
  count: z.number().int().min(1).default(100).describe('Valid, unique records to produce (default 100).'),
  model: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Model id, e.g. claude-sonnet-5-5, gpt-6-luna, ollama:llama3.1 (default: Claude, or GPT when only OPENAI_API_KEY is set).',
    ),
  provider: z
    .enum(['anthropic', 'openai', 'openai-compatible'])
    .optional()
    .describe('Provider; inferred from the model id when omitted.'),
  base_url: z
    .url()
    .optional()
    .describe('API base URL: a local OpenAI-compatible server (Ollama, vLLM) or a proxy.'),
  format: z
    .enum(OUTPUT_FORMATS)
    .optional()
    .describe(
      'Output format: json (DataRecipe envelope), jsonl, alpaca, sharegpt or openai (default from the file name).',
    ),
  data_type: dataTypeArgument,
  language: languageArgument,
  diversity: diversityArgument,
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature (default 0.8).'),
  ...runSettingsShape,
  max_cost: z
    .number()
    .positive()
    .optional()
    .describe('Spending cap in USD: the run stops before a call could exceed it (resume with a higher cap).'),
  batch_api: z
    .boolean()
    .default(false)
    .describe(
      "Send the calls through the provider's batch API (Anthropic, OpenAI): half price, but answers can take up to 24 h. The batch ids are saved first: if this call is cancelled or times out, call again with resume: true to collect the batches instead of paying twice.",
    ),
  batch_top_up: z
    .enum(['online', 'batch'])
    .optional()
    .describe(
      'With batch_api, how a shortfall (rejects, duplicates, failed or expired requests) is made up: online calls (default) or another batch.',
    ),
  judge_model: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Score accepted records with this (usually cheaper) model against the schema's scoring_rubric; records below judge_threshold go to the rejects file. Same key and base URL rules as the main model.",
    ),
  judge_threshold: z
    .number()
    .finite()
    .optional()
    .describe(
      "Keep records the judge scores at least this (default: the middle of the rubric's scale). Turns the judge on, with the run's model unless judge_model names one.",
    ),
  steer: z
    .boolean()
    .default(false)
    .describe(
      'Diversity steering: ask each batch for specific values of every enum field (towards an even split) and tell the model what recent duplicates were about.',
    ),
  topics: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Topics assigned round-robin across batches, to spread the records over them.'),
  holdout_paths: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'Held-out or evaluation record files (JSONL, JSON array or DataRecipe samples), relative to the server root: a generated record that copies one, nearly copies one, or shares 13 consecutive words (20 CJK characters) with one is rejected as contamination, naming the file and item.',
    ),
  allow_seed_copy: z
    .boolean()
    .default(false)
    .describe(
      'Keep records that share 13 consecutive words (20 CJK characters) with a seed instead of rejecting them as seed-copy (exact and near copies of a seed stay duplicates).',
    ),
  judge_gold_path: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Records with human judgements (a score on the rubric's scale or a keep/reject label on each), relative to the server root: the judge is run on them before the first record and its agreement (Cohen's kappa, Spearman) is returned in judge_gold and kept in the report; its calls count against max_cost.",
    ),
  stats_html: z
    .boolean()
    .default(false)
    .describe(
      'Also write <output>.stats.json and <output>.stats.html (one self-contained HTML report with charts).',
    ),
  provenance: z
    .boolean()
    .default(true)
    .describe(
      "Keep each record's provenance (reported model id, request and call id, prompt hashes, seeds shown, sampling sent, judge verdict, cost share, time) in <output>.provenance.jsonl; false writes none.",
    ),
  resume: z.boolean().default(false).describe('Continue an interrupted or stopped run in output_path.'),
  overwrite: z.boolean().default(false).describe('Replace an existing output instead of refusing.'),
  ...inputLimitShape,
});

/** The parsed arguments of `synthesize_data`. */
export type SynthesizeDataArguments = z.infer<typeof synthesizeDataArguments>;

/** Core settings for a `synthesize_data` call (the model's key stays apart, in `settings.apiKey`). */
export function toSynthesisConfig(args: SynthesizeDataArguments, settings: ModelSettings): SynthesisConfig {
  const dataType = toDataType(args.data_type);
  return {
    targetCount: args.count,
    model: settings.model,
    ...(settings.provider && { provider: settings.provider }),
    ...(settings.baseURL && { baseURL: settings.baseURL }),
    ...toRunSettings(args),
    ...toInputLimit(args),
    ...(args.temperature !== undefined && { temperature: args.temperature }),
    ...(args.max_cost !== undefined && { maxCost: args.max_cost }),
    ...(args.format && { outputFormat: args.format }),
    ...(dataType && { dataType }),
    ...(args.language && { language: args.language }),
    ...(args.diversity !== undefined && { diversity: args.diversity }),
    ...(args.batch_api && { batchApi: true }),
    ...(args.batch_top_up && { batchTopUp: args.batch_top_up }),
    ...((args.judge_model !== undefined || args.judge_threshold !== undefined) && {
      judge: {
        ...(args.judge_model !== undefined && { model: args.judge_model }),
        ...(args.judge_threshold !== undefined && { threshold: args.judge_threshold }),
      },
    }),
    ...((args.steer || args.topics) && {
      steering: {
        balanceEnums: args.steer,
        avoidRecent: args.steer,
        ...(args.topics && { topics: args.topics }),
      },
    }),
    ...(args.stats_html && { stats: true, statsHtml: true }),
    ...(args.allow_seed_copy && { rejectSeedCopies: false }),
    ...(!args.provenance && { provenance: false }),
  };
}

/**
 * The arguments that continue this run after a stop: the same inputs and settings with the
 * output made explicit, `resume: true` and no `overwrite`.
 */
export function resumeArguments(args: SynthesizeDataArguments, output: string): Record<string, unknown> {
  const { overwrite: _overwrite, resume: _resume, provenance: _provenance, ...rest } = args;
  const given = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined && value !== false),
  );
  // `provenance` is on by default: turned off, it stays off when the run is continued.
  return { ...given, ...(!args.provenance && { provenance: false }), output_path: output, resume: true };
}
