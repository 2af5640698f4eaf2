import type { Messages } from './messages.js';

/** English (the default). */
export const ENGLISH: Messages = {
  summary: {
    target: 'Target',
    model: 'Model',
    output: 'Output',
    generated: 'Generated',
    newInSession: (count) => `${count} new in this run`,
    failed: 'Failed',
    failedDetail: (rejected, exact, near, failedRequests) =>
      `${rejected} rejected, ${exact + near} duplicates (${exact} exact, ${near} near), ${failedRequests} failed calls`,
    tokens: 'Tokens',
    tokensDetail: (input, output, cacheRead, cacheWrite) =>
      `${input} in, ${output} out (cache: ${cacheRead} read, ${cacheWrite} written)`,
    estimatedCost: 'Estimated cost',
    actualCost: 'Actual cost',
    thisRun: (label) => `${label} (this run)`,
    wholeOutput: 'Whole output so far',
    wholeOutputDetail: (records, tokens, cost) => `${records} records, ${tokens} tokens, ${cost}`,
    time: 'Time',
    stopped: 'Stopped',
    rejects: 'Rejects',
    stats: 'Stats',
    provenance: 'Provenance',
    postHook: 'Post-hook',
    postHookResult: (ok, exitCode) => (ok ? 'ok' : `failed (exit ${exitCode ?? 'none'})`),
    notPriced: 'unknown (no price for this model)',
  },
  progress: {
    start: (target, model, provider, output) =>
      `Generating ${target} records with ${model} (${provider}) → ${output}`,
    resuming: (already) => `Resuming: ${already} records already in the output.`,
    estimatedCost: (cost) =>
      `Estimated cost: ${cost}, from the prompt before any call; "projected" below is recomputed from the real usage as calls return`,
    line: (fields) =>
      [
        `${fields.accepted}/${fields.target}`,
        fields.batch === undefined ? undefined : `batch ${fields.batch.done}/${fields.batch.total} processed`,
        `${fields.rejected} rejected`,
        `${fields.duplicates} duplicates`,
        fields.inFlight > 0 ? `${fields.inFlight} in flight` : undefined,
        fields.retries > 0 ? `${fields.retries} ${fields.retries === 1 ? 'retry' : 'retries'}` : undefined,
        fields.pacing.length === 0
          ? undefined
          : `paced at ${fields.pacing
              .map(
                ({ kind, perMinute, source }) =>
                  `${perMinute} ${{ requests: 'rpm', tokens: 'tpm', inputTokens: 'input tpm', outputTokens: 'output tpm' }[kind]} (${
                    source === 'headers' ? 'server headers' : kind === 'requests' ? '--rpm' : '--tpm'
                  })`,
              )
              .join(', ')}`,
        `${fields.tokens} tokens`,
        fields.cost === undefined
          ? undefined
          : `${fields.cost}${fields.projected === undefined ? '' : ` (projected ${fields.projected})`}`,
        fields.eta === undefined ? undefined : `ETA ${fields.eta}`,
      ]
        .filter((part) => part !== undefined)
        .join(' · '),
    batch: (action, id, requests) =>
      ({
        submitted: `Submitted batch ${id} (${requests} requests). It runs on if this stops: --resume re-attaches to it.`,
        attached: `Re-attached to batch ${id} (${requests} requests).`,
        ended: `Batch ${id} has ended; its results are being read.`,
      })[action],
    cancelling:
      'Stopping: letting calls in flight finish and saving the run. Press Ctrl-C again to quit at once.',
    warning: (message) => `warning: ${message}`,
  },
  stop: {
    budget: 'The cost cap was reached.',
    quota: 'The provider quota is exhausted.',
    cancelled: 'Cancelled.',
    error: 'The run stopped on an error.',
    maxAttempts: 'The run gave up before reaching the target.',
    unreachable: 'The model server could not be reached.',
    resumeWith: (command) => `Resume with: ${command}`,
    capReached: (cap, accepted, target, spent) =>
      `Stopped at the ${cap} cap (--max-cost) with ${accepted} of ${target} records, ${spent} spent.`,
    resumeWithCap: (cap, spent, command) =>
      `To finish, resume with --max-cost ${cap} (the cap counts the whole run, ${spent} spent so far): ${command}`,
  },
  estimate: {
    title: (basis) =>
      basis === 'prompt'
        ? 'Estimate (from the real prompt for these inputs)'
        : 'Estimate (from documented defaults)',
    targetCount: 'Target count',
    batches: 'Batches',
    inputTokens: 'Input tokens',
    outputTokens: 'Output tokens',
    cacheTokens: 'Cache tokens',
    estimatedCost: 'Estimated cost',
    model: 'Model',
    variants: 'Cost variants',
    noCaching: 'no caching',
    withCaching: 'with prompt caching',
    batchApi: 'batch API',
    batchApiWithCaching: 'batch API + caching',
    perRecord: 'per record',
    unpriced: (model) =>
      `no known price for model '${model}', so the cost is not estimated: add its price under "prices" in a datasynth.config.json (\`datasynth init\` writes one) and pass --config`,
  },
  errors: {
    noApiKey: (provider) =>
      `No API key${provider ? ` for ${provider}` : ''}. Set ANTHROPIC_API_KEY or OPENAI_API_KEY; or pass --base-url for a local OpenAI-compatible server (Ollama, vLLM); or run \`datasynth prepare\` for the interactive mode, which needs no key.`,
    unexpected: (message, version) =>
      `unexpected error: ${message} (please report with \`datasynth --version\`: ${version})`,
    outputRequired: (command) => `${command} needs -o, --output <file>: say where to write the records`,
    inputsRequired: 'give an analysis folder, or --schema <file> (and --seeds <file>)',
    inputsConflict: 'give either an analysis folder or --schema/--seeds, not both',
    modelRequiredForCompatible:
      '--provider openai-compatible needs -m, --model <name>: the model name your server serves',
    exists: (path, flag) => `${path} already exists: pass ${flag} to replace it`,
    settingFlags: (flags) => `(CLI: ${flags.join(', ')})`,
    noCommand: 'no command given: run `datasynth --help`',
    exactTokensNeedKey:
      '--exact-tokens asks the provider to count the prompt and needs its API key (ANTHROPIC_API_KEY): set it, or drop --exact-tokens to count offline',
  },
  prepare: {
    written: (path) => `Prompt written to ${path}`,
    nextSteps: (parseCommand) =>
      `Next: give the prompt to a model (Claude, ChatGPT, …), save its whole reply to a file, then run:\n  ${parseCommand}`,
  },
  parse: {
    summary: ({ parsed, added, invalid, duplicates, total }) =>
      `Parsed ${parsed} records: ${added} added, ${invalid} invalid, ${duplicates} duplicates. The output now holds ${total}.`,
    output: (path) => `Output: ${path}`,
    issue: (text) => `  ${text}`,
    moreIssues: (count) => `  … and ${count} more (see the rejects file)`,
  },
  validate: {
    recordIssues: (label, issues) => `${label}: ${issues}`,
    summary: (valid, total) => `${valid} of ${total} records valid, ${total - valid} invalid.`,
    moreRecords: (count) => `… and ${count} more invalid records (use --json for all)`,
  },
  stats: {
    records: 'Records',
    noData: 'no records',
    columns: {
      field: 'Field',
      type: 'Type',
      present: 'Present',
      missing: 'Missing',
      length: 'Length min/p50/p90/max',
      numbers: 'Number min/mean/max',
      values: 'Values',
    },
    items: 'items',
    more: (count) => `+${count} more`,
    diversity: 'Diversity',
    distinctN: (path) => `distinct-1/2/3 ${path}`,
    nearDuplicateRate: 'near-duplicate rate',
    tooCloseToSeed: 'too close to a seed',
    seedCopy: 'copies a seed (exact, near or 13 words)',
    holdoutOverlap: 'overlaps a held-out item',
    holdoutExample: (record, file, item, kind) => `record #${record} ~ ${file} item ${item} (${kind})`,
    lengthSpread: (field) => `length spread ${field} (sd/mean)`,
    valueSpread: (field) => `value spread ${field} (0 one value … 1 even)`,
    nearestNeighbour: 'nearest-neighbour similarity',
    nearestNeighbourFigures: (mean, p50, p90, max) => `mean ${mean}, median ${p50}, p90 ${p90}, max ${max}`,
    closestToSeed: 'closest to a seed',
    closestPair: (record, seed, similarity) => `record #${record} ~ seed #${seed} (similarity ${similarity})`,
    htmlWritten: (path) => `HTML report written to ${path}`,
  },
  convert: {
    done: (count, input, output, format) =>
      `Converted ${count} records from ${input} to ${output} (${format}).`,
  },
  init: {
    written: (config, schema) => `Wrote ${config} and ${schema}.`,
    useIt: (config) => `Edit it, then run with --config ${config}.`,
  },
};
