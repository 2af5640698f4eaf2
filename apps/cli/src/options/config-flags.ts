import {
  DEFAULT_OPENAI_MODEL,
  OUTPUT_FORMATS,
  type SynthesisConfig,
  SynthesisConfigSchema,
} from '@datasynth/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { ExitError } from '../errors/exit-error.js';
import { parseDiversityTarget } from './parse-diversity-target.js';
import {
  parseConcurrency,
  parseDecimal,
  parseNonNegativeInteger,
  parsePositiveDecimal,
  parsePositiveInteger,
  parsePositiveSeconds,
  parseUsd,
} from './parse-number.js';

const DEFAULTS = SynthesisConfigSchema.parse({});

/** A command-line flag that sets one synthesis setting. */
interface ConfigFlag {
  /** The setting it sets. */
  key: keyof SynthesisConfig;
  create(): Option;
  /** Turns the flag's value into settings (default: `{ [key]: value }`). */
  toConfig?(value: unknown): SynthesisConfig;
}

/**
 * Every flag that maps to a synthesis setting, defined once. Commands pick the ones they take with
 * {@link addConfigFlags}; {@link configFromFlags} reads back only what the user typed, so a
 * `--config` file is overridden by flags but never by commander defaults.
 */
export const CONFIG_FLAGS = {
  count: {
    key: 'targetCount',
    create: () =>
      new Option('-n, --count <count>', 'valid, unique records to produce')
        .argParser(parsePositiveInteger)
        .default(DEFAULTS.targetCount),
  },
  model: {
    key: 'model',
    create: () =>
      new Option(
        '-m, --model <model>',
        `model id, e.g. claude-sonnet-5-5, gpt-6-luna, ollama:llama3.1 (default: ${DEFAULTS.model}, or ${DEFAULT_OPENAI_MODEL} when only OPENAI_API_KEY is set)`,
      ),
  },
  provider: {
    key: 'provider',
    create: () =>
      new Option(
        '-p, --provider <provider>',
        'provider (default: inferred from the model and the keys present)',
      ).choices(SynthesisConfigSchema.shape.provider.unwrap().options),
  },
  baseUrl: {
    key: 'baseURL',
    create: () =>
      new Option(
        '--base-url <url>',
        'API base URL: a local OpenAI-compatible server (Ollama, vLLM) or a proxy',
      ),
  },
  temperature: {
    key: 'temperature',
    create: () =>
      new Option(
        '-t, --temperature <number>',
        'sampling temperature, 0 to 2 (0.8 when not set; current Claude models get none unless set)',
      ).argParser(parseDecimal),
  },
  batchSize: {
    key: 'batchSize',
    create: () =>
      new Option('--batch-size <count>', 'records asked for per call')
        .argParser(parsePositiveInteger)
        .default(DEFAULTS.batchSize),
  },
  concurrency: {
    key: 'concurrency',
    create: () =>
      new Option(
        '--concurrency <count>',
        "calls in flight: 'auto' adapts to the provider's limits, a number caps it",
      )
        .argParser(parseConcurrency)
        .default(DEFAULTS.concurrency),
  },
  rpm: {
    key: 'rpm',
    create: () =>
      new Option(
        '--rpm <count>',
        "requests per minute at most (the provider's own limit from its headers holds when lower)",
      ).argParser(parsePositiveInteger),
  },
  tpm: {
    key: 'tpm',
    create: () =>
      new Option(
        '--tpm <count>',
        "tokens (input + output) per minute at most (the provider's own limit holds when lower)",
      ).argParser(parsePositiveInteger),
  },
  maxRetries: {
    key: 'maxRetries',
    create: () =>
      new Option(
        '--max-retries <count>',
        'retries of one call for rate limits, overload, server and network errors',
      )
        .argParser(parseNonNegativeInteger)
        .default(DEFAULTS.maxRetries),
  },
  timeout: {
    key: 'requestTimeoutMs',
    create: () =>
      new Option(
        '--timeout <seconds>',
        'seconds one call may take before it is abandoned (raise it for slow local models)',
      )
        .argParser(parsePositiveSeconds)
        .default(DEFAULTS.requestTimeoutMs / 1000),
    // At least one millisecond: `--timeout 0.0001` must not round down to the invalid 0.
    toConfig: (value) => ({ requestTimeoutMs: Math.max(1, Math.round(Number(value) * 1000)) }),
  },
  seedSampleCount: {
    key: 'seedSampleCount',
    create: () =>
      new Option('--seed-sample-count <count>', 'seed records shown as examples in each call')
        .argParser(parseNonNegativeInteger)
        .default(DEFAULTS.seedSampleCount),
  },
  diversity: {
    key: 'diversity',
    create: () =>
      new Option('--diversity <number>', '0 = stay close to the seeds, 1 = explore widely')
        .argParser(parseDecimal)
        .default(DEFAULTS.diversity),
  },
  dataType: {
    key: 'dataType',
    create: () =>
      new Option('--data-type <type>', 'kind of data')
        .choices(SynthesisConfigSchema.shape.dataType.unwrap().options)
        .default(DEFAULTS.dataType),
  },
  lang: {
    key: 'language',
    create: () =>
      new Option('--lang <language>', 'language of the generated data (auto: from the seeds)')
        .choices(SynthesisConfigSchema.shape.language.unwrap().options)
        .default(DEFAULTS.language),
  },
  validate: {
    key: 'validate',
    create: () => new Option('--no-validate', 'keep records that do not fit the schema'),
  },
  dedup: {
    key: 'dedup',
    create: () => new Option('--no-dedup', 'keep exact and near duplicates'),
    toConfig: (value) => (value === false ? { dedup: { exact: false, near: false } } : {}),
  },
  maxCost: {
    key: 'maxCost',
    create: () =>
      new Option(
        '--max-cost <usd>',
        'hard spending cap in US dollars: stop before a call could exceed it (exit 3)',
      ).argParser(parseUsd),
  },
  format: {
    key: 'outputFormat',
    create: () =>
      new Option(
        '--format <format>',
        'output format (default: json envelope for DataRecipe folders and .json paths, jsonl otherwise)',
      ).choices(OUTPUT_FORMATS),
  },
  stats: {
    key: 'stats',
    create: () =>
      new Option('--stats', 'also write <output>.stats.json with distributions and diversity figures'),
  },
  batchApi: {
    key: 'batchApi',
    create: () =>
      new Option(
        '--batch-api',
        "send the calls through the provider's batch API: half price, done within 24 h; --resume re-attaches to batches in flight",
      ),
  },
  batchTopUp: {
    key: 'batchTopUp',
    create: () =>
      new Option(
        '--batch-top-up <mode>',
        'with --batch-api, make up a shortfall (rejects, duplicates, failed or expired requests) with online calls or another batch',
      )
        .choices(SynthesisConfigSchema.shape.batchTopUp.unwrap().options)
        .default(DEFAULTS.batchTopUp),
  },
  batchPollInterval: {
    key: 'batchPollIntervalMs',
    create: () =>
      new Option('--batch-poll-interval <seconds>', 'with --batch-api, seconds between status checks')
        .argParser(parsePositiveDecimal)
        .default(DEFAULTS.batchPollIntervalMs / 1000),
    toConfig: (value) => ({ batchPollIntervalMs: Math.max(10, Math.round(Number(value) * 1000)) }),
  },
  maxInputSize: {
    key: 'maxInputBytes',
    create: () =>
      new Option(
        '--max-input-size <MiB>',
        `largest input file read (seeds, schema, guidelines, topics), in MiB (default: ${DEFAULTS.maxInputBytes / 1024 / 1024})`,
      ).argParser(parsePositiveDecimal),
    toConfig: (value) => ({ maxInputBytes: Math.max(1, Math.round(Number(value) * 1024 * 1024)) }),
  },
  postHook: {
    key: 'postHook',
    create: () =>
      new Option(
        '--post-hook <command>',
        'shell command run after success; {analysis_dir}, {output_path} and {count} are substituted',
      ),
  },
  provenance: {
    key: 'provenance',
    create: () =>
      new Option(
        '--no-provenance',
        'keep no per-record provenance (no <output>.provenance.jsonl, none in the journal)',
      ),
  },
  statsHtml: {
    key: 'statsHtml',
    create: () =>
      new Option(
        '--stats-html',
        'also write <output>.stats.html, a self-contained report with charts (implies --stats)',
      ),
  },
  judge: {
    key: 'judge',
    create: () =>
      new Option(
        '--judge <model>',
        'score accepted records with this (usually cheaper) model against the rubric; those below the threshold are rejected',
      ),
    toConfig: (value) => ({ judge: { model: String(value) } }),
  },
  judgeThreshold: {
    key: 'judge',
    create: () =>
      new Option(
        '--judge-threshold <score>',
        "keep records the judge scores at least this (default: the middle of the rubric's scale); turns the judge on",
      ).argParser(parseDecimal),
    toConfig: (value) => ({ judge: { threshold: Number(value) } }),
  },
  diversityTarget: {
    key: 'steering',
    create: () =>
      new Option(
        '--diversity-target <target>',
        'steer toward distinct-2>=X and/or near-dup<=Y over the recent records from the prompt side (never by temperature); turns steering on',
      ).argParser(parseDiversityTarget),
    toConfig: (value) => ({ steering: { diversityTarget: value as { minDistinct2?: number } } }),
  },
  judgeGold: {
    key: 'judgeGold',
    create: () =>
      new Option(
        '--judge-gold <file>',
        "records with human scores: run the judge on them first and report its agreement (Cohen's kappa, or Spearman for a scale)",
      ),
  },
  holdout: {
    key: 'holdout',
    create: () =>
      new Option(
        '--holdout <file>',
        'held-out or evaluation records (repeatable): reject generated records that copy, nearly copy or share 13 words (20 CJK characters) with one',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
  },
  allowSeedCopy: {
    key: 'rejectSeedCopies',
    create: () =>
      new Option(
        '--allow-seed-copy',
        'keep records that share 13 words (20 CJK characters) with a seed instead of rejecting them as seed-copy; exact and near copies of a seed stay duplicates',
      ),
    toConfig: (value) => (value === true ? { rejectSeedCopies: false } : {}),
  },
  steer: {
    key: 'steering',
    create: () =>
      new Option(
        '--steer',
        'diversity steering: balance enum fields evenly and tell each batch what recent duplicates were about',
      ),
    toConfig: (value) => (value === true ? { steering: {} } : {}),
  },
  topics: {
    key: 'steering',
    create: () =>
      new Option(
        '--topics <file>',
        'spread batches over the topics in this file (one per line, or a JSON array)',
      ),
    toConfig: (value) => ({ steering: { topicsFile: String(value) } }),
  },
} as const satisfies Record<string, ConfigFlag>;

/** Name of one entry of {@link CONFIG_FLAGS}. */
export type ConfigFlagName = keyof typeof CONFIG_FLAGS;

/** Adds the named setting flags to a command, with an optional help default per flag (e.g. `prepare -n` is 10). */
export function addConfigFlags(
  command: Command,
  names: readonly ConfigFlagName[],
  helpDefaults: Partial<Record<ConfigFlagName, unknown>> = {},
): Command {
  for (const name of names) {
    const option = CONFIG_FLAGS[name].create();
    if (name in helpDefaults) option.default(helpDefaults[name]);
    command.addOption(option);
  }
  return command;
}

/**
 * The settings the user typed on the command line, each checked against the core config schema
 * so an out-of-range value is refused naming its flag (`--temperature: …`).
 */
export function configFromFlags(command: Command): SynthesisConfig {
  const config: Record<string, unknown> = {};
  const values = command.opts();
  for (const flag of Object.values(CONFIG_FLAGS) as ConfigFlag[]) {
    const option = command.options.find(
      (candidate) => candidate.attributeName() === flag.create().attributeName(),
    );
    if (!option) continue;
    const attribute = option.attributeName();
    if (command.getOptionValueSource(attribute) !== 'cli') continue;
    const value = values[attribute];
    if (flag.toConfig) {
      mergeConfig(config, flag.toConfig(value));
      continue;
    }
    const field = SynthesisConfigSchema.shape[flag.key];
    const checked = field.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ExitError(
        EXIT_CODES.usage,
        `${option.long ?? option.flags}: ${issue?.message ?? 'invalid value'}`,
      );
    }
    config[flag.key] = value;
  }
  return config as SynthesisConfig;
}

/** The setting flags of a run (`generate`, `create`). */
export const RUN_FLAG_NAMES: readonly ConfigFlagName[] = Object.keys(CONFIG_FLAGS) as ConfigFlagName[];

/** The setting flags that change an estimate. */
export const ESTIMATE_FLAG_NAMES: readonly ConfigFlagName[] = [
  'count',
  'model',
  'provider',
  'batchSize',
  'seedSampleCount',
  'diversity',
  'dataType',
  'lang',
  'batchApi',
  'maxInputSize',
];

// Flags that fill parts of one nested setting (`--judge` and `--judge-threshold`) add up.
function mergeConfig(config: Record<string, unknown>, part: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(part)) {
    const existing = config[key];
    config[key] = isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
