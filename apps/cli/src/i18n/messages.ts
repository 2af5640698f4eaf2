/** One limit calls are paced at, for the progress line: its kind, per-minute figure and origin. */
export interface PacingField {
  kind: 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';
  perMinute: string;
  source: 'setting' | 'headers';
}

/** The user-facing lines the CLI itself writes, in one language. Library messages stay as the library wrote them. */
export interface Messages {
  summary: {
    target: string;
    model: string;
    output: string;
    generated: string;
    newInSession: (count: number) => string;
    failed: string;
    failedDetail: (rejected: number, exact: number, near: number, failedRequests: number) => string;
    tokens: string;
    tokensDetail: (input: string, output: string, cacheRead: string, cacheWrite: string) => string;
    estimatedCost: string;
    actualCost: string;
    /** A row label for a figure of this session alone, after a resume. */
    thisRun: (label: string) => string;
    /** Records, tokens and USD of every session of the run, shown after a resume. */
    wholeOutput: string;
    wholeOutputDetail: (records: number, tokens: string, cost: string) => string;
    time: string;
    stopped: string;
    rejects: string;
    stats: string;
    /** The per-record provenance sidecar (`<output>.provenance.jsonl`). */
    provenance: string;
    postHook: string;
    postHookResult: (ok: boolean, exitCode: number | null) => string;
    notPriced: string;
  };
  progress: {
    start: (target: number, model: string, provider: string, output: string) => string;
    resuming: (already: number) => string;
    estimatedCost: (cost: string) => string;
    line: (fields: {
      accepted: number;
      target: number;
      rejected: number;
      duplicates: number;
      tokens: string;
      cost: string | undefined;
      projected: string | undefined;
      eta: string | undefined;
      /** Requests of the provider batches being waited on that have been processed. */
      batch: { done: number; total: number } | undefined;
      /** Calls sent and waiting for an answer (shown when any). */
      inFlight: number;
      /** Retries of failed calls so far (shown when any). */
      retries: number;
      /** The limits calls are paced at (shown when any): from --rpm / --tpm or the server's headers. */
      pacing: PacingField[];
    }) => string;
    /** A provider batch was submitted, re-attached to, or has ended (batch-API runs). */
    batch: (action: 'submitted' | 'attached' | 'ended', id: string, requests: number) => string;
    cancelling: string;
    warning: (message: string) => string;
  };
  stop: {
    budget: string;
    quota: string;
    cancelled: string;
    error: string;
    maxAttempts: string;
    unreachable: string;
    resumeWith: (command: string) => string;
    /** A stop by `--max-cost`: how far the run got and what it spent, over the whole run. */
    capReached: (cap: string, accepted: number, target: number, spent: string) => string;
    /** The resume line after a stop by the cap: the command carries a cap that can finish the run. */
    resumeWithCap: (cap: string, spent: string, command: string) => string;
  };
  estimate: {
    title: (basis: 'prompt' | 'defaults') => string;
    targetCount: string;
    batches: string;
    inputTokens: string;
    outputTokens: string;
    cacheTokens: string;
    estimatedCost: string;
    model: string;
    variants: string;
    noCaching: string;
    withCaching: string;
    batchApi: string;
    batchApiWithCaching: string;
    perRecord: string;
    unpriced: (model: string) => string;
  };
  errors: {
    noApiKey: (provider: string | undefined) => string;
    unexpected: (message: string, version: string) => string;
    outputRequired: (command: string) => string;
    inputsRequired: string;
    inputsConflict: string;
    modelRequiredForCompatible: string;
    exists: (path: string, flag: string) => string;
    /** The flags that set the settings a core message names. */
    settingFlags: (flags: readonly string[]) => string;
    noCommand: string;
    exactTokensNeedKey: string;
  };
  prepare: {
    written: (path: string) => string;
    nextSteps: (parseCommand: string) => string;
  };
  parse: {
    summary: (fields: {
      parsed: number;
      added: number;
      invalid: number;
      duplicates: number;
      total: number;
    }) => string;
    output: (path: string) => string;
    issue: (text: string) => string;
    moreIssues: (count: number) => string;
  };
  validate: {
    recordIssues: (label: string, issues: string) => string;
    summary: (valid: number, total: number) => string;
    moreRecords: (count: number) => string;
  };
  stats: {
    records: string;
    noData: string;
    columns: {
      field: string;
      type: string;
      present: string;
      missing: string;
      length: string;
      numbers: string;
      values: string;
    };
    items: string;
    more: (count: number) => string;
    diversity: string;
    distinctN: (path: string) => string;
    nearDuplicateRate: string;
    tooCloseToSeed: string;
    seedCopy: string;
    holdoutOverlap: string;
    holdoutExample: (record: number, file: string, item: string, kind: string) => string;
    lengthSpread: (field: string) => string;
    valueSpread: (field: string) => string;
    nearestNeighbour: string;
    nearestNeighbourFigures: (mean: string, p50: string, p90: string, max: string) => string;
    closestToSeed: string;
    closestPair: (record: number, seed: number, similarity: string) => string;
    htmlWritten: (path: string) => string;
  };
  convert: {
    done: (count: number, input: string, output: string, format: string) => string;
  };
  init: {
    written: (config: string, schema: string) => string;
    useIt: (config: string) => string;
  };
}

export { ENGLISH } from './messages-en.js';
export { CHINESE } from './messages-zh.js';
