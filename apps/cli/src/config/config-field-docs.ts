import type { SynthesisConfig } from '@datasynth/core';

/**
 * One sentence per setting of `datasynth.config.json`, shown by editors (through the written JSON
 * Schema) and in the README. Core's schema carries these as code comments only; a test keeps this
 * list in step with its keys.
 */
export const CONFIG_FIELD_DOCS: Record<keyof SynthesisConfig, string> = {
  targetCount: 'How many valid, unique records to produce (CLI: -n, --count).',
  model: 'Model id, e.g. claude-sonnet-5-5, gpt-6-luna, ollama:llama3.1 (CLI: -m, --model).',
  provider:
    'anthropic, openai or openai-compatible; inferred from the model id when omitted (CLI: -p, --provider).',
  baseURL:
    'Base URL of the API: a local OpenAI-compatible server such as Ollama or vLLM, or a proxy (CLI: --base-url).',
  temperature:
    'Sampling temperature, 0 to 2 (0.8 when not set, except that current Claude models get none unless it is set); rises by 0.05 per retry of a batch, capped at 1.0 (CLI: -t).',
  batchSize: 'Records asked for per call (CLI: --batch-size).',
  concurrency:
    "Calls in flight: 'auto' adapts to the provider's limits; a number is a ceiling (CLI: --concurrency).",
  rpm: "Requests per minute at most, from the first call; the provider's own limit from its rate-limit headers holds when lower (CLI: --rpm).",
  tpm: "Tokens (input + output) per minute at most, paced from the tokens calls use; the provider's own limit holds when lower (CLI: --tpm).",
  maxRetries:
    'Retries of one call for retryable errors: rate limit, overload, server, network, timeout (CLI: --max-retries).',
  seedSampleCount:
    'Seed records shown as examples in each call, rotated so every seed is used (CLI: --seed-sample-count).',
  diversity: '0 = stay close to the seeds, 1 = explore widely (CLI: --diversity).',
  dataType:
    'auto, instruction, preference, multi-turn or generic; auto detects it from the schema (CLI: --data-type).',
  language: 'Language of the generated data: auto (from the seeds), zh or en (CLI: --lang).',
  validate:
    'Validate records against the schema; rejects go to the rejects file in .datasynth/ (CLI: --no-validate).',
  dedup:
    'Duplicate removal: exact (hash), near (MinHash) and threshold, the similarity at or above which a record is a near-duplicate (CLI: --no-dedup).',
  maxCost:
    'Hard spending cap in USD; the run stops dispatching before it could be exceeded (CLI: --max-cost).',
  outputFormat:
    'json, jsonl, alpaca, sharegpt or openai (default: json envelope for DataRecipe folders and .json paths, jsonl otherwise) (CLI: --format).',
  overwrite: 'Replace an existing output instead of refusing (CLI: --overwrite).',
  structuredOutput: 'Ask for structured output (tool use / JSON schema) when the provider supports it.',
  promptCaching:
    'Mark the stable prompt prefix for provider prompt caching (cache reads cost a tenth of input).',
  batchApi:
    "Send the calls through the provider's batch API (Anthropic Message Batches, OpenAI Batch): half price, done within 24 hours; batch ids are kept in the run state, so --resume re-attaches instead of submitting again (CLI: --batch-api).",
  batchTopUp:
    'How a batch-API run makes up a shortfall (rejects, duplicates, failed or expired requests): online (calls) or batch (another round of batches) (CLI: --batch-top-up).',
  batchPollIntervalMs:
    'How often a batch-API run checks its batches, in milliseconds (CLI: --batch-poll-interval, in seconds).',
  batchMaxRequests:
    "Requests per provider batch (default 10,000, the lower of Anthropic's two published limits; OpenAI allows 50,000).",
  requestTimeoutMs: 'Timeout of one request, in milliseconds.',
  maxAttemptsFactor: 'Give up after this many batches per planned batch, so a run never loops forever.',
  cancelGraceMs: 'Time calls in flight get to finish after Ctrl-C before they are aborted, in milliseconds.',
  stats: 'Also write <output>.stats.json with distributions and diversity figures (CLI: --stats).',
  provenance:
    "Keep each accepted record's provenance (the model id and request id the provider reported, call or batch request id, prompt hashes, seeds shown, sampling sent, judge verdict, cost share, time) in the journal and in <output>.provenance.jsonl; the run manifest (hashes of schema, seeds, guidelines and settings) goes in the run state either way (CLI: --no-provenance).",
  statsHtml:
    'Also write <output>.stats.html, one self-contained HTML report with charts (funnel, lengths, value distributions against targets, duplicates, closeness to seeds, cost); implies stats (CLI: --stats-html).',
  judge:
    "LLM-as-judge filter: { model (default: the run's model), threshold (default: the middle of the rubric's scale), batchSize (10), rubric (default: the schema's scoring_rubric), provider, baseURL }; records scored below the threshold go to the rejects file (CLI: --judge, --judge-threshold).",
  judgeGold:
    "Records with human scores (a score or label on each; JSONL, JSON array or envelope): the judge is run on them before the first record, within maxCost, and its agreement with the humans (Cohen's kappa, or Spearman for a scale) is printed and kept in the run state and report; a resume reuses it unless the gold file or judge changed (CLI: --judge-gold).",
  holdout:
    'Held-out or evaluation record files (JSONL, JSON array or envelope): a generated record that copies one, is a near-duplicate of one, or shares 13 consecutive words (20 CJK characters) with one is rejected as contamination, naming the file and item (CLI: --holdout, repeatable).',
  rejectSeedCopies:
    'Reject a record that shares 13 consecutive words (20 CJK characters) with a seed as seed-copy (default true); exact and near copies of a seed are duplicates either way (CLI: --allow-seed-copy turns it off).',
  steering:
    'Diversity steering: { balanceEnums (true), enumTargets: { field: { value: weight } }, topics: [...], topicsFile, generateTopics (false, true = 20, or a count), avoidRecent (true), diversityTarget: { minDistinct2, maxNearDuplicateRate } } (CLI: --steer, --topics, --diversity-target).',
  postHook:
    'Shell command run after success; {analysis_dir}, {output_path} and {count} are substituted, shell-quoted (CLI: --post-hook).',
  prices:
    'Price overrides in USD per million tokens by model id: { input, output, cacheWrite?, cacheRead?, batchDiscount? }.',
  retryBaseMs: 'Base delay of the retry backoff (exponential, with jitter), in milliseconds.',
  randomSeed: "Seed of the run's own randomness (seed sampling, jitter), for reproducible runs.",
  maxInputBytes:
    'Largest input file read (seeds, schema, guidelines, topics, records), in bytes; 67108864 (64 MiB) by default (CLI: --max-input-size, in MiB).',
};
