import { costOf, type Reservation } from '@datasynth/cost';
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
import type { PlannedRequest } from './request-plan.js';
import { RunEvents } from './run-events.js';
import { nextCallSize, observedYield } from './shortfall-size.js';
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
 * The online loop: as many calls in flight as the governor allows, each sized from the shortfall
 * and the observed yield ({@link nextCallSize}) and fitted to what the cap has left, until the target
 * is met, records asked for reach `maxAttemptsFactor`× what was missing, or no call fits the cap.
 */
async function callOnline(options: SynthesisRunOptions, run: OpenedRun, events: RunEvents): Promise<void> {
  const { config, model } = options;
  const { gate, tally, queue, governor, plan } = run;
  const target = config.targetCount;
  // The cap counts records asked for, not calls: batches shrink after truncated replies.
  const maxRequested = Math.ceil((target - tally.accepted) * config.maxAttemptsFactor);
  let requested = 0;
  let outstanding = 0;
  /** Records asked for by the calls of this session that were answered (a failed call says nothing of the yield). */
  let answeredAskedFor = 0;
  const inFlight = new Set<Promise<void>>();
  while (!gate.stop) {
    queue.throwIfFailed();
    const wanted = Math.min(
      maxRequested - requested,
      nextCallSize({
        target,
        accepted: tally.accepted,
        outstanding,
        yield: observedYield(tally.accepted - tally.acceptedAtStart, answeredAskedFor),
        batchSize: plan.batchSize,
      }),
    );
    const affordable =
      wanted > 0 && inFlight.size < governor.concurrencyLimit
        ? gate.affordableCount(model.modelId, wanted, plan.largestInputTokens, (n) => plan.maxTokensFor(n))
        : 0;
    const planned = affordable > 0 ? plan.next(affordable) : undefined;
    const reservation = planned && gate.hold(model.modelId, planned.request, planned.inputTokens);
    if (!planned || reservation === null) {
      planned?.settle();
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      // Nothing in flight and no call fits what is left of the cap: the run is at its cap.
      if (wanted > 0) gate.stopAtCap(model.modelId, plan.largestInputTokens, plan.maxTokensFor(1));
      break;
    }
    const count = affordable;
    requested += count;
    outstanding += count;
    const call = { planned, reservation, count, batch: tally.startCall(count) };
    const task = callOnce(options, run, call, events)
      .then((answered) => {
        if (answered) answeredAskedFor += count;
      })
      .finally(() => {
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

/** One planned online call: sent through the gate on the budget it holds, its reply taken in. */
interface OnlineCall {
  planned: PlannedRequest;
  reservation: Reservation | undefined;
  count: number;
  /** Its number in this session (the rejects file names it). */
  batch: number;
}

/** Whether the call was answered (its reply was taken in). */
async function callOnce(
  options: SynthesisRunOptions,
  run: OpenedRun,
  call: OnlineCall,
  events: RunEvents,
): Promise<boolean> {
  const { model, config } = options;
  const { plan, gate } = run;
  const { planned, reservation, count, batch } = call;
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
      ...(reservation && { reservation }),
    });
  } catch (cause) {
    gate.fail(cause);
    planned.settle();
    return false;
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
  return true;
}
