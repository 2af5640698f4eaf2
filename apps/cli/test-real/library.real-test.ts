import path from 'node:path';
import { DataSynthesizer, type SynthesisEvent } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import {
  figuresOf,
  makeLaneDir,
  REAL_CALL_TIMEOUT_SECONDS,
  readWholeJsonLines,
  reportFigures,
  tally,
} from './real-lane.js';
import { SELF_INSTRUCT_DIR, useRealLane } from './real-lane-setup.js';
import { expectNegotiated } from './run-outcome.js';

const TARGET = 5;

const lane = useRealLane();

describe('the library against a real model', () => {
  it('synthesize: start, progress that only grows, one finished event that matches the result and the journal', async () => {
    const dir = makeLaneDir('library');
    const events: SynthesisEvent[] = [];
    const synthesizer = new DataSynthesizer({
      // llama.cpp's own dialect: the schema rides in JSON mode and becomes the server's grammar.
      model: `llamacpp:${lane.server.modelId}`,
      baseURL: lane.proxy.baseURL,
      targetCount: TARGET,
      batchSize: 5,
      seedSampleCount: 2,
      concurrency: 1,
      maxRetries: 1,
      requestTimeoutMs: REAL_CALL_TIMEOUT_SECONDS * 1000,
    });
    const result = await synthesizer.synthesize({
      schemaPath: path.join(SELF_INSTRUCT_DIR, 'schema.json'),
      seedsPath: path.join(SELF_INSTRUCT_DIR, 'seeds.jsonl'),
      output: path.join(dir, 'out.jsonl'),
      onEvent: (event) => events.push(event),
    });
    const calls = lane.proxy.take();

    expect(['done', 'max-attempts']).toContain(result.stoppedBecause);
    if (result.stoppedBecause === 'done') expect(result.generatedCount).toBe(TARGET);
    expect(events[0]?.type).toBe('start');
    expect(events.at(-1)).toEqual({ type: 'finished', result });
    const progress = events.flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
    expect(progress.length).toBeGreaterThan(0);
    for (const [index, current] of progress.entries()) {
      const previous = progress[index - 1];
      if (!previous) continue;
      expect(current.accepted).toBeGreaterThanOrEqual(previous.accepted);
      expect(current.requests).toBeGreaterThanOrEqual(previous.requests);
    }
    expect(progress.at(-1)?.accepted).toBe(result.generatedCount);
    expect(readWholeJsonLines(result.journalPath)).toHaveLength(result.generatedCount);
    expectNegotiated(calls, { mode: 'json_object', withSchema: true });
    reportFigures(
      figuresOf('library self-instruct, llamacpp', result, tally(calls.map((call) => call.responseFormat))),
    );
  });
});
