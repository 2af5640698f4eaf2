import { setMaxListeners } from 'node:events';
import {
  Budget,
  CostMeter,
  countTokens,
  holdTokenizer,
  lookupPrice,
  maxCostOfRequest,
} from '@datasynth/cost';
import {
  buildTopicsPrompt,
  buildVaryingPrompt,
  createValidator,
  type DataType,
  parseRecords,
  parseTopics,
  recordsEnvelopeSchema,
  type StablePrompt,
  topicsSchema,
} from '@datasynth/prompts';
import {
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  ProviderError,
  toProviderError,
} from '@datasynth/providers';
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_TEMPERATURE, type ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { DedupIndex } from '../dedup/index.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { Governor } from '../governor/governor.js';
import { runPostHook } from '../hooks/post-hook.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import {
  type JournalEntry,
  JournalError,
  nextRecordId,
  openJournal,
  type RejectEntry,
  type RunJournal,
  readJournalEntries,
  writeFileAtomic,
} from '../journal/index.js';
import { type JudgeOutcome, RecordJudge } from '../judge/record-judge.js';
import { type OutputFormat, writeOutput } from '../output/index.js';
import { maxTokensForBatch, measureRecordSize, type RecordSize } from '../plan/plan-run.js';
import { createRandom } from '../plan/random.js';
import { SeedRotation } from '../plan/seed-rotation.js';
import { planRunPrefix } from '../plan/stable-prefix.js';
import { buildRunReport } from '../report/build-run-report.js';
import { renderReport } from '../report/render-report.js';
import { computeStats } from '../stats/index.js';
import { distinctTopics, loadTopicsFile } from '../steering/load-topics.js';
import { RunSteering } from '../steering/run-steering.js';
import { BatchDispatch } from './batch-dispatch.js';
import type {
  BatchProgress,
  StopReason,
  SynthesisEvent,
  SynthesisProgress,
  SynthesisResult,
} from './events.js';
import { schemaFingerprint } from './fingerprint.js';
import { addUsage, emptyUsage, type ProviderBatchState, type RunState, readRunState } from './run-state.js';
import { emptyFunnel, type YieldFunnel } from './yield-funnel.js';

/** Everything one run needs, already resolved. */
export interface SynthesisRunOptions {
  config: ResolvedSynthesisConfig;
  inputs: SynthesisInputs;
  model: LanguageModel;
  output: string;
  mode: 'new' | 'resume' | 'overwrite';
  signal?: AbortSignal;
  onEvent?: (event: SynthesisEvent) => void;
  estimatedCost?: number;
  /** The judge model, when `config.judge` is set (resolved by `DataSynthesizer`). */
  judgeModel?: LanguageModel;
}

/** Thrown inside a governed call when the budget refuses the next request. */
class BudgetRefusal extends Error {
  constructor(readonly worstCase: number) {
    super('budget refused');
  }
}

const STATE_WRITE_INTERVAL_MS = 1000;
const NAME_OF_STRUCTURED_OUTPUT = 'write_records';

/**
 * One synthesis run: plan → governed call → parse → validate → dedup → journal, until the target
 * is reached or a stop condition holds. Created and driven by `DataSynthesizer`.
 */
export class SynthesisRun {
  readonly #options: SynthesisRunOptions;
  readonly #config: ResolvedSynthesisConfig;
  readonly #model: LanguageModel;
  readonly #controller = new AbortController();
  readonly #meter: CostMeter;
  readonly #validator;
  readonly #random: () => number;
  readonly #warnings: string[] = [];
  readonly #startedAt = Date.now();

  #journal!: RunJournal;
  #journalQueue: Promise<void> = Promise.resolve();
  #journalFailure: unknown;
  #dedup!: DedupIndex;
  #rotation!: SeedRotation<Record<string, unknown>>;
  #stable!: StablePrompt;
  #stableTokens = 0;
  #rotationSeeds: Record<string, unknown>[] = [];
  /** The structured-output request per batch size (the envelope says how many records it wants). */
  readonly #outputRequests = new Map<number, NonNullable<GenerateRequest['output']>>();
  #recordSize!: RecordSize;
  #budget: Budget | undefined;
  #governor!: Governor;
  #fingerprint = '';
  #dataType: DataType = 'generic';

  #batchSize: number;
  #accepted = 0;
  #acceptedAtStart = 0;
  #rejected = 0;
  #rejectedByReason: Record<string, number> = {};
  #duplicates = { exact: 0, near: 0 };
  #failedRequests = 0;
  #requests = 0;
  #priorUsage = emptyUsage();
  #priorCost: number | undefined = 0;
  #outstanding = 0;
  #batchesStarted = 0;
  #requested = 0;
  #stop: { reason: StopReason; message?: string } | undefined;
  #lastStateWrite = 0;
  #seenWarnings = new Set<string>();
  /** Provider batches of a batch-API run (kept in the run state). */
  #batches: ProviderBatchState[] = [];
  #holdStateWrites = false;
  /** Fires on the first stop request, so waiting on provider batches ends at once. */
  readonly #stopWaiting = new AbortController();
  #judge: RecordJudge | undefined;
  #judgeGovernor: Governor | undefined;
  #judgeScores: Record<string, number> = {};
  #steering: RunSteering | undefined;
  #funnel: YieldFunnel = emptyFunnel();
  #priorCostByModel: NonNullable<RunState['costByModel']> = {};
  readonly #judging = new Set<Promise<void>>();
  #releaseTokenizer: (() => void) | undefined;

  constructor(options: SynthesisRunOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#model = options.model;
    this.#batchSize = options.config.batchSize;
    this.#meter = new CostMeter({ ...(options.config.prices && { overrides: options.config.prices }) });
    this.#validator = createValidator(options.inputs.schema);
    this.#random = createRandom(options.config.randomSeed);
    // Every queued and in-flight call listens on the run's signal: many listeners are expected.
    setMaxListeners(0, this.#controller.signal);
  }

  async run(): Promise<SynthesisResult> {
    const external = this.#options.signal;
    // A signal aborted before the start is a cancellation like any other (checked below): the model is never called.
    await this.#prepare().catch(async (error: unknown) => {
      // Opened before the failure, the journal must still release the output's lock.
      await this.#journal?.close().catch(() => {});
      throw error;
    });
    const onAbort = () => this.#cancel();
    external?.addEventListener('abort', onAbort, { once: true });
    // A cancellation during setup must not be lost.
    if (external?.aborted) this.#cancel();
    try {
      this.#emit({
        type: 'start',
        target: this.#config.targetCount,
        alreadyAccepted: this.#accepted,
        model: this.#model.modelId,
        provider: this.#model.provider,
        output: this.#options.output,
        batchSize: this.#batchSize,
        estimatedCost: this.#options.estimatedCost,
      });
      if (this.#accepted < this.#config.targetCount && !this.#stop) await this.#generateTopics();
      if (this.#accepted < this.#config.targetCount && !this.#stop) await this.#dispatch();
      return await this.#finish();
    } finally {
      this.#releaseTokenizer?.();
      external?.removeEventListener('abort', onAbort);
      await this.#journal.close().catch(() => {});
    }
  }

  async #prepare(): Promise<void> {
    const { config, inputs } = this.#options;
    if (config.batchApi && !this.#model.batch) {
      throw new SynthesisError(
        'invalid_input',
        `Model '${this.#model.modelId}' (${this.#model.provider}) has no batch API. Drop batchApi (--batch-api), or use an Anthropic or OpenAI model.`,
      );
    }
    const structured = config.structuredOutput && this.#model.capabilities.structuredOutput !== 'none';
    const prefix = planRunPrefix(config, inputs, {
      model: this.#model.modelId,
      structuredOutput: structured,
    });
    this.#stable = prefix.prompt;
    this.#stableTokens = prefix.tokens;
    this.#rotationSeeds = inputs.seeds.slice(prefix.referenceExamples.length);
    this.#dataType = this.#stable.dataType;
    if (this.#stable.guidelinesTruncated) {
      this.#warn(
        'The guidelines are long: they were cut at a paragraph boundary to keep the prompt affordable.',
      );
    }
    this.#recordSize = measureRecordSize(inputs.seeds, this.#model.modelId);
    this.#fingerprint = schemaFingerprint(inputs.schema);
    for (const warning of inputs.warnings) this.#warn(warning);

    this.#requirePriceForCap(this.#model, 'model');

    let opened: Awaited<ReturnType<typeof openJournal>>;
    try {
      opened = await openJournal({ outputPath: this.#options.output, mode: this.#options.mode });
    } catch (error) {
      if (error instanceof JournalError && error.code === 'exists') {
        throw new SynthesisError(
          'exists',
          `Output ${this.#options.output} already exists. Resume it (--resume) or replace it (--overwrite).`,
          { path: this.#options.output },
        );
      }
      if (error instanceof JournalError && error.code === 'locked') {
        throw new SynthesisError('locked', error.message, { path: this.#options.output });
      }
      if (error instanceof JournalError) throw new SynthesisError('io', error.message, { path: error.path });
      throw error;
    }
    this.#journal = opened.journal;
    const state = readRunState(opened.state);
    if (state && state.schemaFingerprint !== this.#fingerprint) {
      await this.#journal.close();
      throw new SynthesisError(
        'schema_mismatch',
        `Cannot resume ${this.#options.output}: it was started with a different schema. Use the original schema, or start over with --overwrite.`,
        { path: this.#options.output },
      );
    }
    for (const entry of opened.existing) {
      const check = this.#validator.validate(entry.data);
      if (config.validate && !check.ok) {
        await this.#journal.close();
        throw new SynthesisError(
          'schema_mismatch',
          `Cannot resume ${this.#options.output}: record ${entry.id} does not fit the schema (${check.issues[0]}). Use the original schema, or start over with --overwrite.`,
          { path: this.#options.output },
        );
      }
    }
    if (opened.droppedTornLine)
      this.#warn('The journal ended in a torn line from an interrupted run; it was dropped.');

    this.#accepted = opened.existing.length;
    this.#acceptedAtStart = this.#accepted;
    if (state) {
      this.#rejected = state.rejected;
      this.#rejectedByReason = { ...state.rejectedByReason };
      this.#duplicates = { ...state.duplicates };
      this.#failedRequests = state.failedRequests;
      this.#requests = state.requests;
      this.#priorUsage = state.usage;
      this.#priorCost = state.cost;
      this.#batchSize = Math.min(this.#batchSize, state.batchSize);
      this.#batches = structuredClone(state.batches ?? []);
    }
    if (config.maxCost !== undefined) {
      // The cap covers the whole run, sessions before a resume included.
      const spentBefore = this.#priorCost ?? 0;
      if (spentBefore >= config.maxCost) {
        this.#requestStop({
          reason: 'budget',
          message: `This run has already spent ${formatUsd(spentBefore)} of its ${formatUsd(config.maxCost)} cap. Resume with a higher cap to continue.`,
        });
      } else {
        this.#budget = new Budget(config.maxCost - spentBefore);
      }
    }
    this.#rotation = new SeedRotation(this.#rotationSeeds, this.#random, state?.seedOffset ?? 0);

    this.#dedup = new DedupIndex(config.dedup);
    inputs.seeds.forEach((seed, index) => {
      this.#dedup.add(seed, `seed #${index + 1}`, 'seed');
    });
    for (const entry of opened.existing) this.#dedup.add(entry.data, entry.id, 'accepted');

    this.#governor = new Governor({
      concurrency: config.concurrency,
      maxRetries: config.maxRetries,
      retryBaseMs: config.retryBaseMs,
      random: this.#random,
      onNotice: (notice) => {
        if (notice.type === 'pause') {
          this.#warn(
            `Rate limited: pausing all calls for ${Math.ceil((notice.untilMs - Date.now()) / 1000)} s as the provider asked.`,
            { once: false },
          );
        }
      },
    });
    this.#prepareQuality(state, opened.existing);
    // A budget reserves, and a judge prices, every call by its tokens: keep the vocabulary for the
    // whole run rather than reloading it whenever calls are more than a few seconds apart.
    if (this.#budget || this.#judge) this.#releaseTokenizer = holdTokenizer();
  }

  /** A cost cap can only be enforced for a model with a price: refuse to start otherwise. */
  #requirePriceForCap(model: LanguageModel, role: 'model' | 'judge model'): void {
    const { maxCost, prices } = this.#config;
    if (maxCost === undefined || lookupPrice(model.modelId, { ...(prices && { overrides: prices }) })) return;
    throw new SynthesisError(
      'unpriced_model',
      `maxCost is set but the ${role} '${model.modelId}' has no known price, so the cap cannot be enforced. Add its price under "prices" in the config, or drop the cap.`,
    );
  }

  /** Judge, steering, funnel and per-model costs: set up from the config and, on resume, the state. */
  #prepareQuality(state: RunState | undefined, existing: readonly JournalEntry[]): void {
    const { config, inputs } = this.#options;
    if (state?.funnel) this.#funnel = { ...state.funnel };
    else
      this.#funnel.judged = this.#funnel.unique = this.#funnel.valid = this.#funnel.parsed = existing.length;
    this.#judgeScores = { ...(state?.judgeScores ?? {}) };
    this.#priorCostByModel = structuredClone(state?.costByModel ?? {});
    const judgeModel = this.#options.judgeModel;
    if (config.judge && judgeModel) {
      this.#requirePriceForCap(judgeModel, 'judge model');
      this.#judge = new RecordJudge({
        model: judgeModel,
        schema: inputs.schema,
        language: this.#stable.language,
        ...(config.judge.rubric !== undefined && { rubric: config.judge.rubric }),
        ...(config.judge.threshold !== undefined && { threshold: config.judge.threshold }),
        batchSize: config.judge.batchSize,
        structuredOutput: config.structuredOutput,
        caching: config.promptCaching,
        send: (request, inputTokens) =>
          this.#sendAuxiliary(judgeModel, this.#judgeGovernor!, request, inputTokens),
      });
      this.#judgeGovernor = new Governor({
        concurrency: config.concurrency,
        maxRetries: config.maxRetries,
        retryBaseMs: config.retryBaseMs,
        random: this.#random,
      });
    }
    if (config.steering) {
      let topics = state?.topics ?? [];
      if (topics.length === 0 && config.steering.topics) topics = distinctTopics(config.steering.topics);
      if (topics.length === 0 && config.steering.topicsFile)
        topics = loadTopicsFile(config.steering.topicsFile);
      this.#steering = new RunSteering({
        schema: inputs.schema,
        settings: config.steering,
        topics,
        topicOffset: state?.topicOffset ?? 0,
        warn: (message) => this.#warn(message),
      });
      for (const entry of existing) this.#steering.accept(entry.data);
    }
  }

  /** Asks the model once for topics from the seeds (`steering.generateTopics`); kept in the run state. */
  async #generateTopics(): Promise<void> {
    const generate = this.#config.steering?.generateTopics;
    if (!this.#steering || !generate || this.#steering.topics.length > 0) return;
    const count = generate === true ? 20 : generate;
    const { inputs } = this.#options;
    const prompt = buildTopicsPrompt({
      schema: inputs.schema,
      seeds: inputs.seeds.slice(0, 12),
      count,
      language: this.#stable.language,
    });
    const structured = this.#config.structuredOutput && this.#model.capabilities.structuredOutput !== 'none';
    const request: GenerateRequest = {
      system: [{ text: prompt.system }],
      messages: [{ role: 'user', content: prompt.user }],
      maxTokens: 200 + 40 * count,
      ...(structured && {
        output: { name: 'list_topics', description: 'List the topics.', schema: topicsSchema(count) },
      }),
    };
    let topics: string[] = [];
    try {
      const result = await this.#sendAuxiliary(
        this.#model,
        this.#governor,
        request,
        countTokens(`${prompt.system}\n${prompt.user}`, { model: this.#model.modelId }),
      );
      topics = parseTopics(result.object ?? result.text);
    } catch (cause) {
      this.#onCallFailure(cause);
    }
    if (topics.length === 0) {
      this.#warn('No topics could be generated from the seeds; the run goes on without topics.');
      return;
    }
    // Called before the first batch: the steering already counts every accepted record.
    this.#steering.useTopics(topics);
  }

  /**
   * One call that is not a generation batch (judge, topics): governed, held to the budget and metered
   * like any other. Its provider warnings are not passed on (the judge checks its scores itself).
   */
  async #sendAuxiliary(
    model: LanguageModel,
    governor: Governor,
    request: GenerateRequest,
    inputTokens: number,
  ): Promise<GenerateResult> {
    const { temperature, ...rest } = request;
    const sent = model.provider === 'anthropic' || temperature === undefined ? rest : request;
    return governor.run(
      // Judging the records of calls already paid for goes on while the run stops (until the
      // cancel grace period aborts it), so a stop does not throw those records away.
      (_attempt, signal) =>
        this.#meteredGenerate({
          model,
          governor,
          request: sent,
          inputTokens,
          signal,
          evenWhileStopping: true,
        }),
      this.#controller.signal,
    );
  }

  /**
   * Online calls, or provider batches (`batchApi`) topped up online or with more batches. Batches an
   * earlier session left in flight are collected first, whatever the mode: they are paid for.
   */
  async #dispatch(): Promise<void> {
    const batch = this.#model.batch;
    const pending = this.#batches.some((entry) => entry.status !== 'collected');
    if (batch && (this.#config.batchApi || pending)) {
      const dispatch = new BatchDispatch(this.#batchHost(batch));
      await dispatch.reattach();
      if (this.#config.batchApi) await dispatch.run();
      await this.#journalQueue;
      this.#throwIfJournalFailed();
      if (this.#stop || this.#accepted >= this.#config.targetCount) {
        this.#requestStop({ reason: 'done' });
        return;
      }
    } else if (pending) {
      this.#warn(
        `The run state lists provider batches that model '${this.#model.modelId}' cannot collect; resume with the model that submitted them to collect their results.`,
      );
    }
    await this.#loop();
  }

  #batchHost(batch: NonNullable<LanguageModel['batch']>): ConstructorParameters<typeof BatchDispatch>[0] {
    return {
      config: this.#config,
      model: this.#model,
      batch,
      governor: this.#governor,
      budget: this.#budget,
      callSignal: this.#controller.signal,
      stopSignal: this.#stopWaiting.signal,
      batches: this.#batches,
      output: this.#structuredOutput(),
      accepted: () => this.#accepted,
      buildRequest: (count) => {
        const { request, inputTokens, batchSteering } = this.#buildRequest(count);
        const settle = batchSteering && (() => this.#steering?.settle(batchSteering.ticket));
        return { request, inputTokens, ...(settle && { settle }) };
      },
      startRequest: (count) => {
        this.#batchesStarted += 1;
        this.#funnel.requested += count;
        this.#requests += 1;
        return this.#batchesStarted;
      },
      process: (result, count, batchNumber) => this.#process(result, count, batchNumber),
      recordUsage: (usage) => this.#meter.record(this.#model.modelId, usage, { batch: true }),
      failedRequest: () => {
        this.#failedRequests += 1;
      },
      callFailed: (cause) => this.#onCallFailure(cause),
      requestStop: (stop) => this.#requestStop(stop),
      holdStateWrites: (hold) => {
        this.#holdStateWrites = hold;
      },
      saveState: async () => {
        await this.#journalQueue;
        this.#throwIfJournalFailed();
        await this.#journal.writeState(this.#state());
      },
      warn: (message, options) => this.#warn(message, options),
      emit: (event) => this.#emit(event),
      emitProgress: (progress: BatchProgress) =>
        this.#emit({ type: 'progress', progress: { ...this.#progress(), batch: progress } }),
    };
  }

  async #loop(): Promise<void> {
    const target = this.#config.targetCount;
    // The cap counts records asked for, not batches: batches shrink after truncated replies.
    const maxRequested = Math.ceil((target - this.#accepted) * this.#config.maxAttemptsFactor);
    const inFlight = new Set<Promise<void>>();
    while (!this.#stop) {
      this.#throwIfJournalFailed();
      const remaining = target - this.#accepted - this.#outstanding;
      if (
        remaining <= 0 ||
        this.#requested >= maxRequested ||
        inFlight.size >= this.#governor.concurrencyLimit
      ) {
        if (inFlight.size === 0) break;
        await Promise.race(inFlight);
        continue;
      }
      const count = Math.min(this.#batchSize, remaining);
      this.#batchesStarted += 1;
      this.#requested += count;
      this.#funnel.requested += count;
      this.#outstanding += count;
      const batchNumber = this.#batchesStarted;
      const task = this.#runBatch(batchNumber, count).finally(() => {
        this.#outstanding -= count;
        inFlight.delete(task);
      });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    await Promise.all(this.#judging);
    await this.#journalQueue;
    this.#throwIfJournalFailed();
    if (!this.#stop) {
      if (this.#accepted >= target) {
        this.#stop = { reason: 'done' };
      } else {
        this.#stop = {
          reason: 'max-attempts',
          message: `Stopped after asking for ${this.#requested} records in ${this.#batchesStarted} calls (${this.#config.maxAttemptsFactor}× the plan) with ${this.#accepted} of ${target} accepted: too many rejects, duplicates or failed calls. Check the rejects file, then resume.`,
        };
      }
    }
  }

  async #runBatch(batchNumber: number, count: number): Promise<void> {
    const { request, inputTokens, batchSteering } = this.#buildRequest(count);
    let result: GenerateResult;
    try {
      result = await this.#governor.run(
        (attempt, signal) => this.#call(request, attempt, inputTokens, signal),
        this.#controller.signal,
      );
    } catch (cause) {
      this.#onCallFailure(cause);
      if (batchSteering) this.#steering?.settle(batchSteering.ticket);
      return;
    }
    await this.#process(result, count, batchNumber);
    if (batchSteering) this.#steering?.settle(batchSteering.ticket);
  }

  /**
   * The structured output a call for `count` records asks for, when the model takes one: the
   * envelope's `records` says `minItems`/`maxItems` = `count` (without a count: the plain envelope,
   * to read answers back). Built once per batch size.
   */
  #structuredOutput(count = 0): GenerateRequest['output'] {
    const structured = this.#config.structuredOutput && this.#model.capabilities.structuredOutput !== 'none';
    if (!structured) return undefined;
    let output = this.#outputRequests.get(count);
    if (!output) {
      output = {
        name: NAME_OF_STRUCTURED_OUTPUT,
        description: 'Write the requested records.',
        schema: recordsEnvelopeSchema(this.#options.inputs.schema, count > 0 ? { count } : {}),
      };
      this.#outputRequests.set(count, output);
    }
    return output;
  }

  /** One generation request for `count` records: the same for online calls and provider batches. */
  #buildRequest(count: number) {
    const seeds = this.#rotation.next(this.#config.seedSampleCount);
    const batchSteering = this.#steering?.forBatch(count);
    const varying = buildVaryingPrompt({
      seeds,
      count,
      language: this.#stable.language,
      ...(batchSteering?.steering && { steering: batchSteering.steering }),
    });
    const maxTokens = maxTokensForBatch(count, this.#recordSize);
    const output = this.#structuredOutput(count);
    const request: GenerateRequest = {
      system: [{ text: this.#stable.text, cache: this.#config.promptCaching }],
      messages: [{ role: 'user', content: varying }],
      maxTokens,
      ...(output && { output }),
    };
    // Counted only for budget reservations: tokenising every prompt is a hot-path cost otherwise.
    const inputTokens = this.#budget
      ? this.#stableTokens + countTokens(varying, { model: this.#model.modelId })
      : 0;
    return { request, inputTokens, batchSteering };
  }

  #call(
    request: GenerateRequest,
    attempt: number,
    inputTokens: number,
    signal: AbortSignal,
  ): Promise<GenerateResult> {
    const temperature = temperatureFor(this.#config.temperature, this.#model, attempt);
    return this.#meteredGenerate({
      model: this.#model,
      governor: this.#governor,
      request: { ...request, ...(temperature !== undefined && { temperature }) },
      inputTokens,
      signal,
      passOnWarnings: true,
    });
  }

  /**
   * One attempt of one call, as every call of a run makes it: refused while the run stops, held to
   * the budget (reserve the worst case, settle the real cost), metered, and fed to its governor's
   * pacing. Generation calls pass the provider's warnings on; auxiliary calls (judge, topics) do not.
   */
  async #meteredGenerate(call: {
    model: LanguageModel;
    governor: Governor;
    request: GenerateRequest;
    inputTokens: number;
    signal: AbortSignal;
    passOnWarnings?: boolean;
    evenWhileStopping?: boolean;
  }): Promise<GenerateResult> {
    const { model, request } = call;
    if (this.#stop && !call.evenWhileStopping) {
      throw new ProviderError({ kind: 'aborted', message: 'The run is stopping.' });
    }
    let reservation: ReturnType<Budget['reserve']>;
    if (this.#budget) {
      const worstCase =
        maxCostOfRequest({
          model: model.modelId,
          inputTokens: call.inputTokens,
          maxOutputTokens: request.maxTokens,
          ...(this.#config.prices && { overrides: this.#config.prices }),
        }) ?? 0;
      reservation = this.#budget.reserve(worstCase);
      if (!reservation) throw new BudgetRefusal(worstCase);
    }
    this.#requests += 1;
    try {
      const result = await model.generate(request, { signal: call.signal });
      const cost = this.#meter.record(model.modelId, result.usage);
      if (this.#budget && reservation) this.#budget.settle(reservation, cost ?? 0);
      call.governor.observe(result.rateLimit, result.usage.inputTokens + result.usage.outputTokens);
      if (call.passOnWarnings) for (const warning of result.warnings) this.#warn(warning);
      return result;
    } catch (error) {
      if (this.#budget && reservation) this.#budget.release(reservation);
      throw error;
    }
  }

  #onCallFailure(cause: unknown): void {
    if (cause instanceof BudgetRefusal) {
      const cap = formatUsd(this.#config.maxCost ?? 0);
      this.#requestStop({
        reason: 'budget',
        message:
          this.#requests === 0
            ? `The ${cap} cap is below the worst-case cost of a single call (${formatUsd(cause.worstCase)}): raise the cap or lower the batch size.`
            : `Stopped before the next call could take spending past the ${cap} cap. Resume with a higher cap to continue.`,
      });
      return;
    }
    const error = toProviderError(cause);
    if (error.kind === 'aborted') return;
    if (error.kind === 'quota') {
      this.#requestStop({ reason: 'quota', message: `${error.message} The run is saved: resume later.` });
      return;
    }
    if (error.kind === 'auth' || error.kind === 'invalid_request') {
      // Every further call would fail the same way: stop with the provider's reason.
      this.#requestStop({ reason: 'error', message: error.message });
      return;
    }
    this.#failedRequests += 1;
    this.#warn(
      error.retryable
        ? `A call failed after ${this.#config.maxRetries} retries: ${error.message}`
        : `A call failed: ${error.message}`,
      { once: false },
    );
  }

  async #process(result: GenerateResult, requested: number, batchNumber: number): Promise<void> {
    const { schema } = this.#options.inputs;
    const rejects: RejectEntry[] = [];
    const accepted: JournalEntry[] = [];
    const candidates: Record<string, unknown>[] = [];
    const at = new Date().toISOString();
    const reject = (entry: Omit<RejectEntry, 'at' | 'batch'>) => {
      rejects.push({ ...entry, batch: batchNumber, at });
      if (!entry.kind.startsWith('duplicate')) {
        this.#rejected += 1;
        this.#rejectedByReason[entry.kind] = (this.#rejectedByReason[entry.kind] ?? 0) + 1;
      }
    };

    if (result.finishReason === 'refusal') {
      reject({
        kind: 'refusal',
        reasons: ['the model refused the request'],
        raw: result.text.slice(0, 4000),
      });
      this.#warn('The model refused a request; see the rejects file.', { once: true });
    } else {
      const parsed = parseRecords(result.object ?? result.text, schema);
      for (const dropped of parsed.dropped) {
        reject({
          kind: 'unparsed',
          reasons: [dropped.reason],
          ...(dropped.snippet && { raw: dropped.snippet }),
        });
      }
      if (parsed.records.length === 0 && parsed.dropped.length === 0) {
        reject({ kind: 'unparsed', reasons: ['the reply held no records'], raw: result.text.slice(0, 4000) });
      }
      if ((parsed.truncated || result.finishReason === 'length') && this.#batchSize > 1) {
        const smaller = Math.max(1, Math.floor(this.#batchSize * 0.75));
        if (smaller < this.#batchSize) {
          this.#batchSize = smaller;
          this.#warn(
            `Output was cut off at the token limit: batch size lowered to ${smaller} for the rest of the run.`,
            {
              once: false,
            },
          );
        }
      }
      this.#funnel.parsed += parsed.records.length;
      for (const record of parsed.records) {
        if (this.#config.validate) {
          const check = this.#validator.validate(record);
          if (!check.ok) {
            reject({ kind: 'invalid', reasons: check.issues, data: record });
            continue;
          }
        }
        this.#funnel.valid += 1;
        if (this.#accepted >= this.#config.targetCount) {
          reject({ kind: 'surplus', reasons: ['the target was already reached'], data: record });
          continue;
        }
        const id = nextRecordId(this.#accepted);
        // With a judge, a record enters the index only once it passed (see #judgeCandidates).
        const verdict = this.#judge
          ? this.#dedup.check(record)
          : this.#dedup.checkAndAdd(record, id, 'accepted');
        if (verdict.duplicate) {
          this.#steering?.noteDuplicate(record);
          this.#duplicates[verdict.kind] += 1;
          reject({
            kind: `duplicate-${verdict.kind}`,
            reasons: [
              `${verdict.kind} duplicate of ${verdict.matchedSource === 'seed' ? '' : 'record '}${verdict.matchedId} (similarity ${verdict.similarity.toFixed(2)})`,
            ],
            data: record,
            matched: { id: verdict.matchedId, similarity: verdict.similarity },
          });
          continue;
        }
        this.#funnel.unique += 1;
        if (this.#judge) {
          candidates.push(record);
          continue;
        }
        this.#funnel.judged += 1;
        this.#steering?.accept(record);
        this.#accepted += 1;
        accepted.push({ id, data: record });
      }
    }
    if (candidates.length > 0 && this.#judge) {
      const judging = this.#judgeCandidates(this.#judge, candidates, accepted, reject);
      this.#judging.add(judging);
      await judging.finally(() => this.#judging.delete(judging));
    }
    if (requested > 0 && accepted.length === 0 && rejects.length === 0) this.#failedRequests += 1;
    this.#enqueueJournal(accepted, rejects);
    this.#emitProgress();
  }

  /**
   * Scores a batch's valid, unique records; those at or above the threshold are checked for duplicates
   * once more (another batch may have accepted a near-copy meanwhile), indexed and accepted with the
   * verdict beside `data`; the rest go to the rejects file with the judge's reason.
   */
  async #judgeCandidates(
    judge: RecordJudge,
    candidates: Record<string, unknown>[],
    accepted: JournalEntry[],
    reject: (entry: Omit<RejectEntry, 'at' | 'batch'>) => void,
  ): Promise<void> {
    const outcomes: JudgeOutcome[] = await judge.judge(candidates);
    let failure: unknown;
    outcomes.forEach((outcome, index) => {
      const record = candidates[index]!;
      if (outcome.kind === 'unscored') {
        if (outcome.cause !== undefined) failure ??= outcome.cause;
        const why = outcome.cause === undefined ? '' : `: ${messageOf(outcome.cause)}`;
        reject({ kind: 'unjudged', reasons: [`${outcome.reason}${why}`], data: record });
        return;
      }
      const { verdict } = outcome;
      const key = String(verdict.score);
      this.#judgeScores[key] = (this.#judgeScores[key] ?? 0) + 1;
      if (!outcome.passed) {
        reject({
          kind: 'judged-below-threshold',
          reasons: [
            `score ${verdict.score} < threshold ${judge.threshold}${verdict.reason ? `: ${verdict.reason}` : ''}`,
          ],
          data: record,
          judge: verdict,
        });
        return;
      }
      if (this.#accepted >= this.#config.targetCount) {
        reject({
          kind: 'surplus',
          reasons: ['the target was already reached'],
          data: record,
          judge: verdict,
        });
        return;
      }
      const id = nextRecordId(this.#accepted);
      const duplicate = this.#dedup.checkAndAdd(record, id, 'accepted');
      if (duplicate.duplicate) {
        this.#funnel.unique -= 1;
        this.#steering?.noteDuplicate(record);
        this.#duplicates[duplicate.kind] += 1;
        reject({
          kind: `duplicate-${duplicate.kind}`,
          reasons: [
            `${duplicate.kind} duplicate of ${duplicate.matchedSource === 'seed' ? '' : 'record '}${duplicate.matchedId} (similarity ${duplicate.similarity.toFixed(2)})`,
          ],
          data: record,
          matched: { id: duplicate.matchedId, similarity: duplicate.similarity },
        });
        return;
      }
      this.#funnel.judged += 1;
      this.#steering?.accept(record);
      this.#accepted += 1;
      accepted.push({ id, data: record, judge: verdict });
    });
    if (failure !== undefined) this.#onCallFailure(failure);
  }

  #enqueueJournal(accepted: JournalEntry[], rejects: RejectEntry[]): void {
    // Started at once, not after the previous batch's writes: the journal files keep call order
    // and group appends made during one fsync into the next write, so records do not queue up in
    // memory behind one fsync per batch.
    const written = Promise.all([
      accepted.length > 0 && this.#journal.appendAccepted(accepted),
      rejects.length > 0 && this.#journal.appendRejected(rejects),
    ])
      .then(async () => {
        const now = Date.now();
        if (!this.#holdStateWrites && now - this.#lastStateWrite >= STATE_WRITE_INTERVAL_MS) {
          this.#lastStateWrite = now;
          await this.#journal.writeState(this.#state());
        }
      })
      .catch((error: unknown) => {
        this.#journalFailure ??= error;
        this.#requestStop({ reason: 'error', message: `Could not write the journal: ${messageOf(error)}` });
      });
    // Awaiting the queue still means: every write enqueued so far is done.
    this.#journalQueue = Promise.all([this.#journalQueue, written]).then(() => undefined);
  }

  #throwIfJournalFailed(): void {
    if (this.#journalFailure !== undefined) {
      throw new SynthesisError('io', `Could not write the journal: ${messageOf(this.#journalFailure)}`, {
        path: this.#journal.paths.journal,
      });
    }
  }

  #requestStop(stop: { reason: StopReason; message?: string }): void {
    if (!this.#stop) this.#stop = stop;
    this.#stopWaiting.abort();
    // Calls waiting for a slot or sleeping before a retry give up now; calls in flight finish.
    this.#governor?.halt();
  }

  #cancel(): void {
    this.#requestStop({
      reason: 'cancelled',
      message: 'Cancelled. The run is saved: resume it to continue.',
    });
    const timer = setTimeout(() => this.#controller.abort(), this.#config.cancelGraceMs);
    timer.unref();
  }

  #state(): RunState {
    return {
      version: 1,
      schemaFingerprint: this.#fingerprint,
      model: this.#model.modelId,
      provider: this.#model.provider,
      targetCount: this.#config.targetCount,
      accepted: this.#accepted,
      rejected: this.#rejected,
      rejectedByReason: this.#rejectedByReason,
      duplicates: this.#duplicates,
      failedRequests: this.#failedRequests,
      requests: this.#requests,
      usage: addUsage(this.#priorUsage, this.#meter.usage),
      cost: this.#priorCost === undefined ? undefined : this.#priorCost + this.#meter.totalCost,
      seedOffset: this.#rotation.offset,
      ...(this.#batches.length > 0 && { batches: this.#batches }),
      batchSize: this.#batchSize,
      updatedAt: new Date().toISOString(),
      ...(this.#stop && { stoppedBecause: this.#stop.reason }),
      funnel: { ...this.#funnel },
      ...(this.#steering &&
        this.#steering.topics.length > 0 && {
          topics: [...this.#steering.topics],
          topicOffset: this.#steering.topicOffset,
        }),
      ...(this.#steering && { enumTargets: this.#steering.enumShares() }),
      costByModel: this.#costByModel(),
      ...(this.#judge && { judgeScores: { ...this.#judgeScores } }),
    };
  }

  /** Calls, usage and cost per model over the whole run (sessions before a resume included). */
  #costByModel(): NonNullable<RunState['costByModel']> {
    const totals = structuredClone(this.#priorCostByModel);
    for (const [model, session] of Object.entries(this.#meter.byModel())) {
      const prior = totals[model];
      totals[model] = prior
        ? {
            calls: prior.calls + session.calls,
            usage: addUsage(prior.usage, session.usage),
            cost:
              prior.cost === undefined || session.cost === undefined ? undefined : prior.cost + session.cost,
          }
        : { calls: session.calls, usage: session.usage, cost: session.cost };
    }
    return totals;
  }

  #progress(): SynthesisProgress {
    const elapsedMs = Date.now() - this.#startedAt;
    const newAccepted = this.#accepted - this.#acceptedAtStart;
    const left = Math.max(0, this.#config.targetCount - this.#accepted);
    const cost = this.#currentCost();
    return {
      accepted: this.#accepted,
      target: this.#config.targetCount,
      rejected: this.#rejected,
      duplicates: { ...this.#duplicates },
      failedRequests: this.#failedRequests,
      requests: this.#requests,
      usage: this.#meter.usage,
      cost,
      projectedCost:
        newAccepted > 0 && cost !== undefined
          ? this.#meter.projectTotal(newAccepted, this.#config.targetCount - this.#acceptedAtStart)
          : undefined,
      elapsedMs,
      etaMs: newAccepted > 0 ? Math.round((elapsedMs / newAccepted) * left) : undefined,
    };
  }

  #currentCost(): number | undefined {
    return this.#meter.unpricedModels.length > 0 ? undefined : this.#meter.totalCost;
  }

  #emitProgress(): void {
    this.#emit({ type: 'progress', progress: this.#progress() });
  }

  async #finish(): Promise<SynthesisResult> {
    const stop = this.#stop ?? { reason: 'done' as const };
    await this.#journalQueue;
    this.#throwIfJournalFailed();
    await this.#journal.writeState(this.#state());
    const { config, inputs, output } = this.#options;
    const format: OutputFormat = config.outputFormat ?? (/\.jsonl$/i.test(output) ? 'jsonl' : 'json');
    const durationMs = Date.now() - this.#startedAt;
    const cost = this.#currentCost();
    await writeOutput({
      path: output,
      format,
      // Streamed back from the journal: the run never holds every record in memory.
      entries: readJournalEntries(this.#journal.paths.journal),
      schema: inputs.schema as unknown as Parameters<typeof writeOutput>[0]['schema'],
      dataType: this.#dataType,
      metadata: {
        generator: `DataSynth ${packageJson.version}`,
        ...(inputs.datasetId !== undefined && { source_dataset: inputs.datasetId }),
        model: this.#model.modelId,
        provider: this.#model.provider,
        temperature: temperatureFor(config.temperature, this.#model, 0) ?? null,
        seed_count: inputs.seeds.length,
        target_count: config.targetCount,
        generated_count: this.#accepted,
        rejected_count: this.#rejected,
        duplicate_count: this.#duplicates.exact + this.#duplicates.near,
        language: this.#stable.language,
        data_type: this.#dataType,
        usage: addUsage(this.#priorUsage, this.#meter.usage),
        cost_usd:
          this.#priorCost === undefined || cost === undefined ? null : roundUsd(this.#priorCost + cost),
        duration_ms: durationMs,
        stopped_because: stop.reason,
        created_at: new Date().toISOString(),
      },
    });
    let statsPath: string | undefined;
    let statsHtmlPath: string | undefined;
    if (config.stats || config.statsHtml) {
      statsPath = `${output}.stats.json`;
      const records: Record<string, unknown>[] = [];
      for await (const entry of readJournalEntries(this.#journal.paths.journal)) records.push(entry.data);
      const stats = computeStats(records, {
        schema: inputs.schema,
        seeds: inputs.seeds,
        nearThreshold: config.dedup.threshold,
      });
      await writeFileAtomic(statsPath, `${JSON.stringify(stats, null, 2)}\n`);
      if (config.statsHtml) {
        statsHtmlPath = `${output}.stats.html`;
        const run = await buildRunReport({ state: this.#state(), rejectsPath: this.#journal.paths.rejects });
        const html = renderReport(stats, {
          title: inputs.datasetId ?? output,
          records,
          seeds: inputs.seeds,
          run,
        });
        await writeFileAtomic(statsHtmlPath, html);
      }
    }
    let postHook: SynthesisResult['postHook'];
    if (config.postHook && stop.reason === 'done') {
      postHook = await runPostHook(config.postHook, {
        analysis_dir: inputs.analysisDir ?? '',
        output_path: output,
        count: this.#accepted,
      });
      if (!postHook.ok) {
        this.#warn(
          `The post-hook failed (exit ${postHook.exitCode ?? 'none'}): ${postHook.output.split('\n')[0] ?? ''}`,
        );
      }
    }
    const paths = this.#journal.paths;
    const result: SynthesisResult = {
      generatedCount: this.#accepted,
      targetCount: config.targetCount,
      newCount: this.#accepted - this.#acceptedAtStart,
      rejectedCount: this.#rejected,
      rejectedByReason: { ...this.#rejectedByReason },
      duplicates: { ...this.#duplicates },
      failedRequests: this.#failedRequests,
      requests: this.#requests,
      usage: this.#meter.usage,
      actualCost: cost === undefined ? undefined : roundUsd(cost),
      estimatedCost: this.#options.estimatedCost,
      durationMs,
      outputPath: output,
      outputFormat: format,
      rejectsPath: paths.rejects,
      journalPath: paths.journal,
      statePath: paths.state,
      ...(statsPath !== undefined && { statsPath }),
      ...(statsHtmlPath !== undefined && { statsHtmlPath }),
      funnel: { ...this.#funnel },
      stoppedBecause: stop.reason,
      ...(stop.message !== undefined && { stopMessage: stop.message }),
      warnings: [...this.#warnings],
      ...(postHook && { postHook }),
      model: this.#model.modelId,
      provider: this.#model.provider,
    };
    this.#emit({ type: 'finished', result });
    return result;
  }

  #warn(message: string, options: { once?: boolean } = {}): void {
    if (options.once !== false) {
      if (this.#seenWarnings.has(message)) return;
      this.#seenWarnings.add(message);
    }
    if (this.#warnings.length < 200) this.#warnings.push(message);
    this.#emit({ type: 'warning', message });
  }

  #emit(event: SynthesisEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A listener's bug must not break the run.
    }
  }
}

/**
 * The temperature of one attempt: the configured one (default 0.8), raised by 0.05 per retry and
 * capped at 1.0. Anthropic's current API version takes no temperature, so Claude gets one only when
 * the user set it explicitly (and the adapter then warns that it was not sent).
 */
function temperatureFor(
  configured: number | undefined,
  model: LanguageModel,
  attempt: number,
): number | undefined {
  if (configured === undefined && model.provider === 'anthropic') return undefined;
  return Math.min(1, (configured ?? DEFAULT_TEMPERATURE) + 0.05 * attempt);
}

function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function formatUsd(value: number): string {
  return `$${value < 1 ? value.toFixed(3) : value.toFixed(2)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
