import { costOf } from '@datasynth/cost';
import type { GenerateRequest, GenerateResult, LanguageModel } from '@datasynth/providers';
import type { ResolvedSynthesisConfig } from '../config/synthesis-config.js';
import type { ContaminationGuard } from '../contamination/contamination-guard.js';
import type { SynthesisInputs } from '../inputs/load-inputs.js';
import { type CallProvenance, samplingOf } from '../provenance/call-provenance.js';
import { BatchDispatch } from './batch-dispatch.js';
import { checkJudgeGold, type JudgeGoldInput } from './check-judge-gold.js';
import type { SynthesisEvent, SynthesisResult } from './events.js';
import { finishRun } from './finish-run.js';
import { generateTopics } from './generate-topics.js';
import { type OpenedRun, openRun } from './open-run.js';
import { RunEvents } from './run-events.js';
import { takeReply } from './take-reply.js';

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
  /** The judge model, when `config.judge` or `config.judgeGold` is set (resolved by `DataSynthesizer`). */
  judgeModel?: LanguageModel;
  /** The gold file of `config.judgeGold`, read before the run (by `DataSynthesizer`). */
  judgeGold?: JudgeGoldInput;
  /** The held-out sets of `config.holdout`, read before the run (by `DataSynthesizer`). */
  holdout?: ContaminationGuard;
}

/**
 * One synthesis run, the story in order: open (journal, resume checks, budget left) → the judge
 * checked on the gold file → topics →
 * calls (online, or provider batches) through plan → gate → intake → journal, until the target is
 * reached or a stop condition holds → finish (output, stats, report, post-hook). Cancellation stops
 * new calls at once and aborts the ones in flight after `cancelGraceMs`. Driven by `DataSynthesizer`.
 */
export async function runSynthesis(options: SynthesisRunOptions): Promise<SynthesisResult> {
  const { config, model } = options;
  const events = new RunEvents(options.onEvent);
  const run = await openRun(options, events);
  const { gate, tally } = run;
  const cancel = () => {
    gate.requestStop({ reason: 'cancelled', message: 'Cancelled. The run is saved: resume it to continue.' });
    setTimeout(() => gate.abortCalls(), config.cancelGraceMs).unref();
  };
  const external = options.signal;
  external?.addEventListener('abort', cancel, { once: true });
  // A signal aborted before or during setup is a cancellation like any other: the model is never called.
  if (external?.aborted) cancel();
  const working = () => tally.accepted < config.targetCount && !gate.stop;
  try {
    events.emit({
      type: 'start',
      target: config.targetCount,
      alreadyAccepted: tally.accepted,
      model: model.modelId,
      provider: model.provider,
      output: options.output,
      batchSize: run.plan.batchSize,
      estimatedCost: options.estimatedCost,
    });
    if (working()) await checkJudgeGold(options, run, events);
    if (working()) await generateTopics(options, run, events);
    if (working()) await dispatch(options, run, events);
    return await finishRun(options, run, events);
  } finally {
    run.release();
    external?.removeEventListener('abort', cancel);
    await run.journal.close().catch(() => {});
  }
}

/**
 * Online calls, or provider batches (`batchApi`) topped up online or with more batches. Batches an
 * earlier session left in flight are collected first, whatever the mode: they are paid for.
 */
async function dispatch(options: SynthesisRunOptions, run: OpenedRun, events: RunEvents): Promise<void> {
  const { config, model } = options;
  const { gate, tally, queue } = run;
  const pending = tally.batches.some((entry) => entry.status !== 'collected');
  if (model.batch && (config.batchApi || pending)) {
    const { plan, intake } = run;
    const batches = new BatchDispatch({
      config,
      model,
      batch: model.batch,
      plan,
      gate,
      intake,
      tally,
      saver: queue,
      events,
    });
    await batches.reattach();
    if (config.batchApi) await batches.run();
    await queue.drain();
    if (gate.stop || tally.accepted >= config.targetCount) {
      gate.requestStop({ reason: 'done' });
      return;
    }
  } else if (pending) {
    events.warn(
      `The run state lists provider batches that model '${model.modelId}' cannot collect; resume with the model that submitted them to collect their results.`,
    );
  }
  await callOnline(options, run, events);
}

/**
 * The online loop: as many calls in flight as the governor allows, each for at most a batch of the
 * records still missing, until the target is met or records asked for reach `maxAttemptsFactor`×
 * what was missing.
 */
async function callOnline(options: SynthesisRunOptions, run: OpenedRun, events: RunEvents): Promise<void> {
  const { config } = options;
  const { gate, tally, queue, governor } = run;
  const target = config.targetCount;
  // The cap counts records asked for, not calls: batches shrink after truncated replies.
  const maxRequested = Math.ceil((target - tally.accepted) * config.maxAttemptsFactor);
  let requested = 0;
  let outstanding = 0;
  const inFlight = new Set<Promise<void>>();
  while (!gate.stop) {
    queue.throwIfFailed();
    const remaining = target - tally.accepted - outstanding;
    if (remaining <= 0 || requested >= maxRequested || inFlight.size >= governor.concurrencyLimit) {
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
      continue;
    }
    const count = Math.min(run.plan.batchSize, remaining);
    requested += count;
    outstanding += count;
    const task = callOnce(options, run, count, tally.startCall(count), events).finally(() => {
      outstanding -= count;
      inFlight.delete(task);
    });
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  await queue.drain();
  if (gate.stop) return;
  if (tally.accepted >= target) gate.requestStop({ reason: 'done' });
  else {
    gate.requestStop({
      reason: 'max-attempts',
      message: `Stopped after asking for ${requested} records in ${tally.callsStarted} calls (${config.maxAttemptsFactor}× the plan) with ${tally.accepted} of ${target} accepted: too many rejects, duplicates or failed calls. Check the rejects file, then resume.`,
    });
  }
}

/** One online call of `count` records: planned, sent through the gate, its reply taken in. */
async function callOnce(
  options: SynthesisRunOptions,
  run: OpenedRun,
  count: number,
  batch: number,
  events: RunEvents,
): Promise<void> {
  const { model, config } = options;
  const { plan, gate } = run;
  const planned = plan.next(count);
  // Attempts run one after another: the last request built is the one that was answered.
  let sent: GenerateRequest = planned.request;
  let result: GenerateResult;
  try {
    result = await gate.send({
      model,
      governor: run.governor,
      request: (attempt) => {
        sent = plan.forAttempt(planned.request, attempt);
        return sent;
      },
      inputTokens: planned.inputTokens,
      passOnWarnings: true,
    });
  } catch (cause) {
    gate.fail(cause);
    planned.settle();
    return;
  }
  const provenance: CallProvenance | undefined = config.provenance
    ? {
        callId: `call-${run.callNumberBase + batch}`,
        model: result.model ?? model.modelId,
        ...(result.requestId !== undefined && { requestId: result.requestId }),
        prompt: { ...planned.prompt, sampling: samplingOf(sent) },
        cost: costOf(result.usage, model.modelId, { ...(config.prices && { overrides: config.prices }) }),
      }
    : undefined;
  await takeReply({ ...run, saver: run.queue, events }, result, { requested: count, batch, provenance });
  planned.settle();
}
