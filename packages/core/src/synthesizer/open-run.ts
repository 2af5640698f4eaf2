import { Budget, holdTokenizer, lookupPrice } from '@datasynth/cost';
import { createValidator } from '@datasynth/prompts';
import type { LanguageModel } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { Governor } from '../governor/governor.js';
import {
  JournalError,
  type OpenedJournal,
  type OpenJournalMode,
  openJournal,
  type RunJournal,
} from '../journal/index.js';
import { RecordJudge } from '../judge/record-judge.js';
import { createRandom } from '../plan/random.js';
import { planRunPrefix } from '../plan/stable-prefix.js';
import { lastCallNumber } from '../provenance/call-provenance.js';
import { buildRunManifest } from '../provenance/run-manifest.js';
import { runSecrets, SecretScanner } from '../secrets/secret-scanner.js';
import { DiversityTrail } from '../steering/diversity-trail.js';
import { distinctTopics, loadTopicsFile } from '../steering/load-topics.js';
import { RunSteering } from '../steering/run-steering.js';
import { CallGate } from './call-gate.js';
import { schemaFingerprint } from './fingerprint.js';
import { JournalQueue } from './journal-queue.js';
import { RecordIntake } from './record-intake.js';
import { RequestPlan } from './request-plan.js';
import type { RunEvents } from './run-events.js';
import { type RunState, readRunState } from './run-state.js';
import { RunTally } from './run-tally.js';
import type { SynthesisRunOptions } from './synthesis-run.js';

/** A run opened and ready to dispatch: its steps, wired to one another. */
export interface OpenedRun {
  journal: RunJournal;
  queue: JournalQueue;
  tally: RunTally;
  plan: RequestPlan;
  gate: CallGate;
  intake: RecordIntake;
  governor: Governor;
  steering: RunSteering | undefined;
  /** Online calls of this session are `call-<callNumberBase + n>` in the records' provenance. */
  callNumberBase: number;
  /** Gives back the tokenizer held for the run's budget or judge (call when the run ends). */
  release(): void;
}

/**
 * Opens a run: checks that the model can do what is asked (batch API, a price under a cap), plans
 * the stable prefix, opens the journal (taking the output's lock), refuses a resume under another
 * schema or with records that no longer fit, restores the tally and the remaining budget, and wires
 * the steps: gate, judge, steering, request plan, intake. Nothing is sent. The journal is closed
 * again when anything after opening it fails.
 */
/** The keys a run holds beyond the environment's (an `apiKey` given to `DataSynthesizer`, header tokens). */
export interface RunSecretsOption {
  secrets?: readonly string[];
}

export async function openRun(
  options: SynthesisRunOptions & RunSecretsOption,
  events: RunEvents,
): Promise<OpenedRun> {
  const { config, inputs, model } = options;
  if (config.batchApi && !model.batch) {
    throw new SynthesisError(
      'invalid_input',
      `Model '${model.modelId}' (${model.provider}) has no batch API. Turn batchApi off (batchApi: false), or use an Anthropic or OpenAI model.`,
      { settings: { batchApi: false } },
    );
  }
  const structuredOutput = config.structuredOutput && model.capabilities.structuredOutput !== 'none';
  const prefix = planRunPrefix(config, inputs, { model: model.modelId, structuredOutput });
  if (prefix.prompt.guidelinesTruncated) {
    events.warn(
      'The guidelines are long: they were cut at a paragraph boundary to keep the prompt affordable.',
    );
  }
  const fingerprint = schemaFingerprint(inputs.schema);
  for (const warning of inputs.warnings) events.warn(warning);
  requirePriceForCap(config, model, 'model');
  if (config.judgeGold !== undefined && options.judgeModel)
    requirePriceForCap(config, options.judgeModel, 'judge model');

  const opened = await openRunJournal(options.output, options.mode);
  try {
    const state = readRunState(opened.state);
    checkResumable(options, opened, state, fingerprint);
    if (opened.droppedTornLine)
      events.warn('The journal ended in a torn line from an interrupted run; it was dropped.');

    const judgeModel = config.judge ? options.judgeModel : undefined;
    const tally = new RunTally(
      {
        schemaFingerprint: fingerprint,
        model: model.modelId,
        provider: model.provider,
        targetCount: config.targetCount,
        manifest: buildRunManifest({
          schema: inputs.schema,
          seeds: inputs.seeds,
          ...(inputs.guidelines !== undefined && { guidelines: inputs.guidelines }),
          config,
        }),
      },
      { ...(config.prices && { prices: config.prices }), judged: judgeModel !== undefined },
    );
    tally.restore(state, opened.existing.length);
    const random = createRandom(config.randomSeed);
    // The cap covers the whole run, sessions before a resume included.
    const spentBefore = tally.spentBefore;
    const capReached = config.maxCost !== undefined && spentBefore >= config.maxCost;
    const budget =
      config.maxCost !== undefined && !capReached ? new Budget(config.maxCost - spentBefore) : undefined;
    const governor = newGovernor(config, random, events);
    tally.pacedBy = governor;
    const gate = new CallGate({
      tally,
      governor,
      budget,
      maxCost: config.maxCost,
      maxRetries: config.maxRetries,
      endpoint: describeEndpoint(config.baseURL, model.provider),
      requestTimeoutMs: config.requestTimeoutMs,
      ...(config.prices && { prices: config.prices }),
      warn: (message, warnOptions) => events.warn(message, warnOptions),
      // Only called once calls run, after `plan` below exists.
      onTimeout: () => {
        const smaller = plan.shrinkAfterTruncation();
        if (smaller === undefined) return;
        events.warn(
          `A call got no answer within ${config.requestTimeoutMs} ms: batch size lowered to ${smaller} for the rest of the run.`,
          { once: false },
        );
      },
      onAttemptFailed: () => events.emit({ type: 'progress', progress: tally.toProgress() }),
    });
    const steering = openSteering(options, state, events);
    for (const entry of opened.existing) steering?.accept(entry.data);
    const trail = new DiversityTrail({
      schema: inputs.schema,
      targetCount: config.targetCount,
      ...(config.steering?.diversityTarget && { target: config.steering.diversityTarget }),
      ...(state?.diversityTrail && { state: state.diversityTrail }),
      existing: opened.existing.map((entry) => entry.data),
    });
    tally.diversityTrail = trail;
    const plan = new RequestPlan({
      config,
      inputs,
      model,
      prefix,
      random,
      ...(state && { seedOffset: state.seedOffset, batchSize: state.batchSize }),
      ...(steering && { steering }),
      countInputTokens: budget !== undefined,
    });
    if (plan.samplingNotice !== undefined) events.warn(plan.samplingNotice);
    if (capReached) {
      gate.stopAlreadyAtCap(model.modelId, plan.largestInputTokens, plan.maxTokensFor(plan.batchSize));
    }
    let judge: RecordJudge | undefined;
    if (config.judge && judgeModel) {
      requirePriceForCap(config, judgeModel, 'judge model');
      const judgeGovernor = newGovernor(config, random);
      // The judge's base URL: its own, else the run's when it has the run's provider (as it was resolved).
      const judgeBaseURL =
        config.judge.baseURL ?? (judgeModel.provider === model.provider ? config.baseURL : undefined);
      const judgeEndpoint = {
        role: 'judge',
        url: describeEndpoint(judgeBaseURL, judgeModel.provider),
        setting: 'judge.baseURL',
      };
      judge = new RecordJudge({
        model: judgeModel,
        schema: inputs.schema,
        language: plan.language,
        ...(config.judge.rubric !== undefined && { rubric: config.judge.rubric }),
        ...(config.judge.threshold !== undefined && { threshold: config.judge.threshold }),
        batchSize: config.judge.batchSize,
        structuredOutput: config.structuredOutput,
        caching: config.promptCaching,
        send: (request, inputTokens) =>
          gate.sendAuxiliary(judgeModel, judgeGovernor, request, inputTokens, judgeEndpoint),
      });
    }
    const intake = new RecordIntake({
      schema: inputs.schema,
      // A provider (or an injected prompt) that echoes the key must not get it into the output.
      secrets: new SecretScanner([...(options.secrets ?? []), ...runSecrets({})]),
      validate: config.validate,
      dedup: config.dedup,
      seeds: inputs.seeds,
      existing: opened.existing,
      tally,
      ...(judge && { judge }),
      // The steering and the diversity trail both hear of every accepted record and duplicate.
      steering: {
        accept: (record) => {
          steering?.accept(record);
          trail.accept(record);
        },
        noteDuplicate: (record) => {
          steering?.noteDuplicate(record);
          trail.noteDuplicate();
        },
      },
      ...(options.holdout && { holdout: options.holdout }),
      rejectSeedCopies: config.rejectSeedCopies,
      onJudgeFailure: (cause) => gate.fail(cause),
      onRefusal: () => events.warn('The model refused a request; see the rejects file.', { once: true }),
      onTruncated: () => {
        const smaller = plan.shrinkAfterTruncation();
        if (smaller === undefined) return;
        events.warn(
          `Output was cut off at the token limit: batch size lowered to ${smaller} for the rest of the run.`,
          { once: false },
        );
      },
    });
    const queue = new JournalQueue({
      journal: opened.journal,
      state: () => tally.toState(plan.position(), gate.stop),
      onFailure: (stop) => gate.requestStop(stop),
    });
    // A budget reserves, and a judge prices, every call by its tokens: keep the vocabulary for the
    // whole run rather than reloading it whenever calls are more than a few seconds apart.
    const release = budget || judge ? holdTokenizer() : () => {};
    const callNumberBase = lastCallNumber(opened.existing);
    return {
      journal: opened.journal,
      queue,
      tally,
      plan,
      gate,
      intake,
      governor,
      steering,
      callNumberBase,
      release,
    };
  } catch (error) {
    await opened.journal.close().catch(() => {});
    throw error;
  }
}

/** Opens the output's journal, its failures as `SynthesisError`s (`exists`, `locked`, `io`). */
export async function openRunJournal(output: string, mode: OpenJournalMode): Promise<OpenedJournal> {
  try {
    return await openJournal({ outputPath: output, mode });
  } catch (error) {
    if (!(error instanceof JournalError)) throw error;
    if (error.code === 'exists') {
      throw new SynthesisError(
        'exists',
        `Output ${output} already exists. Resume it (resume: true) or replace it (overwrite: true).`,
        { path: output, settings: { resume: true, overwrite: true } },
      );
    }
    throw new SynthesisError(error.code === 'locked' ? 'locked' : 'io', error.message, {
      path: error.code === 'locked' ? output : error.path,
    });
  }
}

/** A resume must find the schema it started with, and records that still fit it. */
function checkResumable(
  options: SynthesisRunOptions,
  opened: OpenedJournal,
  state: RunState | undefined,
  fingerprint: string,
): void {
  const refuse = (why: string) =>
    new SynthesisError(
      'schema_mismatch',
      `Cannot resume ${options.output}: ${why}. Use the original schema, or start over (overwrite: true).`,
      { path: options.output, settings: { overwrite: true } },
    );
  if (state && state.schemaFingerprint !== fingerprint)
    throw refuse('it was started with a different schema');
  if (!options.config.validate) return;
  const validator = createValidator(options.inputs.schema);
  for (const entry of opened.existing) {
    const check = validator.validate(entry.data);
    if (!check.ok) throw refuse(`record ${entry.id} does not fit the schema (${check.issues[0]})`);
  }
}

/** A cost cap can only be enforced for a model with a price: refuse to start otherwise. */
function requirePriceForCap(
  config: ResolvedSynthesisConfig,
  model: LanguageModel,
  role: 'model' | 'judge model',
): void {
  const { maxCost, prices } = config;
  if (maxCost === undefined || lookupPrice(model.modelId, { ...(prices && { overrides: prices }) })) return;
  throw new SynthesisError(
    'unpriced_model',
    `maxCost is set but the ${role} '${model.modelId}' has no known price, so the cap cannot be enforced. Add its price under "prices" in the config, or drop the cap.`,
  );
}

/** The base URL without credentials or query (which may hold a key), or the provider's own API. */
export function describeEndpoint(baseURL: string | undefined, provider: string): string {
  if (baseURL === undefined) return `the ${provider} API`;
  try {
    const url = new URL(baseURL);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return 'the configured baseURL';
  }
}

function newGovernor(config: ResolvedSynthesisConfig, random: () => number, events?: RunEvents): Governor {
  return new Governor({
    concurrency: config.concurrency,
    maxRetries: config.maxRetries,
    retryBaseMs: config.retryBaseMs,
    ...(config.rpm !== undefined && { requestsPerMinute: config.rpm }),
    ...(config.tpm !== undefined && { tokensPerMinute: config.tpm }),
    random,
    ...(events && {
      onNotice: (notice) => {
        if (notice.type !== 'pause') return;
        events.warn(
          `Rate limited: pausing all calls for ${Math.ceil((notice.untilMs - Date.now()) / 1000)} s as the provider asked.`,
          { once: false },
        );
      },
    }),
  });
}

/** Steering from the config; topics kept in the state (generated ones included) come first. */
function openSteering(
  options: SynthesisRunOptions,
  state: RunState | undefined,
  events: RunEvents,
): RunSteering | undefined {
  const { config, inputs } = options;
  if (!config.steering) return undefined;
  let topics = state?.topics ?? [];
  if (topics.length === 0 && config.steering.topics) topics = distinctTopics(config.steering.topics);
  if (topics.length === 0 && config.steering.topicsFile) topics = loadTopicsFile(config.steering.topicsFile);
  return new RunSteering({
    schema: inputs.schema,
    settings: config.steering,
    topics,
    topicOffset: state?.topicOffset ?? 0,
    warn: (message) => events.warn(message),
  });
}
