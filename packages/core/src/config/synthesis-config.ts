import { DEFAULT_MAX_INPUT_BYTES } from '@datasynth/prompts';
import { z } from 'zod';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD } from '../dedup/index.js';
import { OUTPUT_FORMATS } from '../output/index.js';
import { DEFAULT_MODEL } from './default-model.js';

/** Sampling temperature used when none is configured (for models that take one). */
export const DEFAULT_TEMPERATURE = 0.8;

const positiveMoney = z.number().positive().finite();

/** Price overrides (USD per million tokens) by model id. */
export const PriceOverridesSchema = z.record(
  z.string(),
  z.object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheWrite: z.number().nonnegative().optional(),
    cacheRead: z.number().nonnegative().optional(),
    batchDiscount: z.number().positive().max(1).optional(),
  }),
);

/** Settings of the LLM-as-judge filter (see `judge/` in core). */
export const JudgeConfigSchema = z.object({
  /** Judge model id (default: the run's model); a cheaper one, e.g. `claude-haiku-4-5`, is usual. */
  model: z.string().min(1).optional(),
  /** Provider of the judge model; inferred from its id when omitted. */
  provider: z.enum(['anthropic', 'openai', 'openai-compatible']).optional(),
  /** Base URL for the judge (default: the run's, when the judge uses the same provider). */
  baseURL: z.url().optional(),
  /** Records scored at or above it are kept (default: the middle of the rubric's scale). */
  threshold: z.number().finite().optional(),
  /** Records per judge call. */
  batchSize: z.number().int().min(1).max(50).default(10),
  /** A rubric instead of the schema's `scoring_rubric`: free text, or scored levels. */
  rubric: z
    .union([
      z.string().min(1),
      z
        .array(
          z.object({ score: z.number().finite(), label: z.string().optional(), description: z.string() }),
        )
        .min(2),
    ])
    .optional(),
});

/** Settings of diversity steering (see `steering/` in core). */
export const SteeringConfigSchema = z.object({
  /** Ask each batch for specific values of every top-level enum field, towards the target shares. */
  balanceEnums: z.boolean().default(true),
  /** Target weights per enum field and value (uniform over the enum when a field is not listed). */
  enumTargets: z.record(z.string(), z.record(z.string(), z.number().nonnegative())).optional(),
  /** Topics assigned round-robin across batches. */
  topics: z.array(z.string().min(1)).min(1).optional(),
  /** A file of topics: one per line, or a JSON array of strings. */
  topicsFile: z.string().min(1).optional(),
  /** Ask the model once for this many topics from the seeds (true = 20); kept in the run state for resume. */
  generateTopics: z.union([z.boolean(), z.number().int().min(2).max(500)]).default(false),
  /** Tell each batch what recent duplicates were about, so it writes about something else. */
  avoidRecent: z.boolean().default(true),
  /**
   * A diversity figure to steer toward from the prompt side (never by temperature): while the
   * recent records' distinct-2 is below `minDistinct2`, or their duplicate share above
   * `maxNearDuplicateRate`, each batch is told the openings recent records keep repeating.
   */
  diversityTarget: z
    .object({
      minDistinct2: z.number().min(0).max(1).optional(),
      maxNearDuplicateRate: z.number().min(0).max(1).optional(),
    })
    .optional(),
});

/**
 * Every setting of a synthesis run, with its default. Validated with zod at every entrance
 * (library, CLI flags and config file, MCP arguments).
 */
export const SynthesisConfigSchema = z.object({
  /** How many valid, unique records to produce. */
  targetCount: z.number().int().positive().max(10_000_000).default(100),
  /** Model id, e.g. `claude-sonnet-5-5`, `gpt-6-luna`, `ollama:llama3.1`. */
  model: z.string().min(1).default(DEFAULT_MODEL),
  /** Provider; inferred from the model id when omitted. */
  provider: z.enum(['anthropic', 'openai', 'openai-compatible']).optional(),
  /** Base URL of the API (a local OpenAI-compatible server such as Ollama or vLLM, or a proxy). */
  baseURL: z.url().optional(),
  /**
   * Sampling temperature (default 0.8); rises by 0.05 per retry of a batch, capped at 1.0. Anthropic's
   * current API takes none, so Claude models get it only when set explicitly.
   */
  temperature: z.number().min(0).max(2).optional(),
  /**
   * Records asked for per call. 10, not the original 5: with the prompt prefix cached, the per-call
   * varying part (rotating seeds) dominates the input bill, and `pnpm bench` (c) measures billed input
   * per record at 0.26 of the naive baseline with 10 against 0.48 with 5, at the same yield. Lowered
   * by a quarter for the rest of a run whenever a reply is cut off at the token limit.
   */
  batchSize: z.number().int().min(1).max(100).default(10),
  /** Calls in flight: 'auto' adapts to the provider's limits; a number is a ceiling. */
  concurrency: z.union([z.literal('auto'), z.number().int().min(1).max(512)]).default('auto'),
  /** Retries of one call for retryable errors (rate limit, overload, server, network, timeout). */
  maxRetries: z.number().int().min(0).max(20).default(3),
  /** Seeds shown as examples in each call (rotated so every seed is used). */
  seedSampleCount: z.number().int().min(0).max(50).default(3),
  /** 0 = stay close to the seeds, 1 = explore widely. */
  diversity: z.number().min(0).max(1).default(0.5),
  dataType: z.enum(['auto', 'instruction', 'preference', 'multi-turn', 'generic']).default('auto'),
  language: z.enum(['auto', 'zh', 'en']).default('auto'),
  /** Validate records against the schema (rejects go to the rejects file, `journalPaths(output).rejects`). */
  validate: z.boolean().default(true),
  dedup: z
    .object({
      exact: z.boolean().default(true),
      near: z.boolean().default(true),
      /** Estimated Jaccard similarity of character shingles at or above which a record is a near-duplicate. */
      threshold: z.number().gt(0).max(1).default(DEFAULT_NEAR_DUPLICATE_THRESHOLD),
    })
    .prefault({}),
  /** Hard spending cap in USD; the run stops dispatching before it could be exceeded. */
  maxCost: positiveMoney.optional(),
  /** Output format (default: json envelope for DataRecipe folders and `.json` paths, jsonl otherwise). */
  outputFormat: z.enum(OUTPUT_FORMATS).optional(),
  /** Replace an existing output instead of refusing. */
  overwrite: z.boolean().default(false),
  /** Ask for structured output (tool use / JSON schema) when the provider supports it. */
  structuredOutput: z.boolean().default(true),
  /** Mark the stable prompt prefix for provider prompt caching (cache reads cost a tenth of input). */
  promptCaching: z.boolean().default(true),
  /**
   * Send the calls through the provider's batch API (Anthropic Message Batches, OpenAI Batch): half
   * price, answered within 24 hours, and durable: the batch ids are kept in the run state, so a
   * resume re-attaches to batches in flight instead of submitting them again.
   */
  batchApi: z.boolean().default(false),
  /** How a batch run makes up a shortfall (rejects, duplicates, failed or expired requests). */
  batchTopUp: z.enum(['batch', 'online']).default('online'),
  /** How often a batch run asks the provider whether its batches have ended. */
  batchPollIntervalMs: z.number().int().min(10).default(30_000),
  /**
   * Requests per provider batch. Anthropic's documentation allows 100,000 but its API reference
   * says 10,000, so the lower figure is the default; OpenAI allows 50,000.
   */
  batchMaxRequests: z.number().int().min(1).max(100_000).default(10_000),
  /**
   * Requests per minute, set by hand: calls are paced to stay under it (and under the provider's own
   * limit from its rate-limit headers, whichever is lower).
   */
  rpm: z.number().positive().optional(),
  /** Tokens (input + output) per minute, set by hand, as `rpm`. */
  tpm: z.number().positive().optional(),
  /** Per-request timeout. */
  requestTimeoutMs: z.number().int().positive().default(120_000),
  /** Give up after this many batches per planned batch (never loop forever). */
  maxAttemptsFactor: z.number().min(1).max(20).default(3),
  /** Time in-flight calls get to finish after cancellation before they are aborted. */
  cancelGraceMs: z.number().int().min(0).default(5_000),
  /** Write `<output>.stats.json` with distributions and diversity figures. */
  stats: z.boolean().default(false),
  /** Also write `<output>.stats.html`, a self-contained report with charts (implies `stats`). */
  statsHtml: z.boolean().default(false),
  /**
   * Keep each accepted record's provenance (reported model, request and call id, prompt hashes,
   * seeds shown, sampling sent, judge verdict, cost share, time) in the journal and write it to
   * `<output>.provenance.jsonl` beside the output. Off: neither is written.
   */
  provenance: z.boolean().default(true),
  /** Score accepted records with a (usually cheaper) judge model; those below the threshold are rejected. */
  judge: JudgeConfigSchema.optional(),
  /**
   * Records with human scores (any records file: JSONL, JSON array, envelope; each with a `score`
   * or `label`): the judge is first run on them and its agreement with the humans reported.
   */
  judgeGold: z.string().min(1).optional(),
  /**
   * Held-out (evaluation) record files, any records file DataSynth reads. A generated record that
   * copies one, is a near-duplicate of one, or shares a long n-gram with one (13 words, or 20 CJK
   * characters) is rejected as `contamination`, naming the file and item.
   */
  holdout: z.array(z.string().min(1)).default([]),
  /**
   * Reject a record that shares a run of 13 words (20 CJK characters) with a seed as `seed-copy`: it
   * is not new data. On by default; turn it off when records are meant to quote the seeds. Exact and
   * near copies of a seed stay duplicates either way (see `dedup`).
   */
  rejectSeedCopies: z.boolean().default(true),
  /** Diversity steering: enum balance, topics, and an "avoid" hint from recent duplicates. */
  steering: SteeringConfigSchema.optional(),
  /** Shell command run after success: `{analysis_dir}`, `{output_path}`, `{count}` are substituted. */
  postHook: z.string().min(1).optional(),
  /** Price overrides (USD per million tokens) by model id. */
  prices: PriceOverridesSchema.optional(),
  /** Base delay of the retry backoff (exponential, with jitter). */
  retryBaseMs: z.number().int().min(0).default(1000),
  /** Seed for the run's own randomness (seed sampling, jitter), for reproducible runs. */
  randomSeed: z.number().int().optional(),
  /** Largest input file (seeds, schema, guidelines, topics) read, in bytes: 64 MiB unless set. */
  maxInputBytes: z.number().int().positive().default(DEFAULT_MAX_INPUT_BYTES),
});

/** Settings as given by a user (every field optional). */
export type SynthesisConfig = z.input<typeof SynthesisConfigSchema>;
/** Settings with defaults applied. */
export type ResolvedSynthesisConfig = z.output<typeof SynthesisConfigSchema>;
