import type { SynthesisEvent, SynthesisResult } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { SynthesisJob } from './synthesis-job.js';

const PLAN = {
  output: '/r/out.jsonl',
  handle: 'out.jsonl',
  target: 10,
  estimatedCost: 0.5,
  expectedSeconds: 60,
  resumeArguments: { output_path: 'out.jsonl', resume: true },
};

/** A run the test drives by hand: emit events, then end it with a result or an error. */
function manualRun() {
  let emit!: (event: SynthesisEvent) => void;
  let finish!: (result: SynthesisResult) => void;
  let fail!: (error: unknown) => void;
  let signal!: AbortSignal;
  const run = (runSignal: AbortSignal, onEvent: (event: SynthesisEvent) => void) => {
    signal = runSignal;
    emit = onEvent;
    return new Promise<SynthesisResult>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return {
    run,
    emit: (event: SynthesisEvent) => emit(event),
    finish: (r: SynthesisResult) => finish(r),
    fail: (e: unknown) => fail(e),
    signal: () => signal,
  };
}

const START: SynthesisEvent = {
  type: 'start',
  target: 10,
  alreadyAccepted: 3,
  model: 'm',
  provider: 'anthropic',
  output: '/r/out.jsonl',
  batchSize: 2,
  estimatedCost: 0.5,
};

describe('SynthesisJob', () => {
  it('goes from starting to running on the start event, to stopping on cancel, and ends with the result', async () => {
    const manual = manualRun();
    const job = new SynthesisJob(PLAN, manual.run, {
      cancel: new AbortController(),
      shutdown: new AbortController().signal,
    });
    const seen: string[] = [];
    const unsubscribe = job.subscribe((event) => seen.push(event.type));
    expect(job.phase).toBe('starting');
    manual.emit(START);
    await job.started;
    expect(job).toMatchObject({ phase: 'running', alreadyAccepted: 3 });
    job.cancel();
    expect(manual.signal().aborted).toBe(true);
    expect(job.phase).toBe('stopping');
    unsubscribe();
    manual.emit({ type: 'warning', message: 'not heard after unsubscribing' });
    manual.finish({ stoppedBecause: 'cancelled', generatedCount: 5 } as SynthesisResult);
    await job.settled;
    expect(job.phase).toBe('ended');
    expect(job.failed).toBe(false);
    expect(job.result?.stoppedBecause).toBe('cancelled');
    expect(seen).toEqual(['start']);
  });

  it('lets a caller waiting for the start learn of a preflight failure', async () => {
    const manual = manualRun();
    const job = new SynthesisJob(PLAN, manual.run, {
      cancel: new AbortController(),
      shutdown: new AbortController().signal,
    });
    manual.fail(new Error('Output exists'));
    await job.started;
    expect(job.failed).toBe(true);
    expect((job.error as Error).message).toBe('Output exists');
  });

  it('stops on server shutdown, and endedWithin returns at once when its signal is aborted', async () => {
    const manual = manualRun();
    const shutdown = new AbortController();
    const job = new SynthesisJob(PLAN, manual.run, {
      cancel: new AbortController(),
      shutdown: shutdown.signal,
    });
    const call = new AbortController();
    const waiting = job.endedWithin(60 * 60_000, call.signal);
    call.abort();
    await waiting;
    expect(job.phase).toBe('starting');
    shutdown.abort();
    expect(manual.signal().aborted).toBe(true);
    expect(job.phase).toBe('stopping');
    manual.finish({ stoppedBecause: 'cancelled' } as SynthesisResult);
    await job.endedWithin(60 * 60_000);
    expect(job.phase).toBe('ended');
  });
});
