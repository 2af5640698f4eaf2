import fs from 'node:fs';
import path from 'node:path';
import { resolveModel } from '@datasynth/providers';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBelleFolder, makeTempDir } from '../../test/helpers.js';
import { RecordingModel } from '../../test/recording-model.js';
import { belleSamples } from '../dedup/test-support/seed-records.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { journalPaths } from '../journal/index.js';
import { loadRunReport } from '../report/build-run-report.js';
import { DataSynthesizer } from './data-synthesizer.js';
import type { SynthesisEvent } from './events.js';
import { readRunState } from './run-state.js';

const API_KEY = 'sk-ant-test-key';
const GENERATOR = 'claude-sonnet-4-6';
const JUDGE = 'claude-haiku-4-5';
let llm: TestServer;
beforeAll(async () => {
  llm = await startTestServer({ seed: 41 });
});
afterAll(async () => {
  await llm.close();
});

/** 24 BELLE records with human scores 0, 0.5 and 1 in turn (BELLE's rubric scale). */
function writeGold(scores: readonly number[] = [0, 0.5, 1]): string {
  const gold = path.join(makeTempDir(), 'gold.jsonl');
  const samples = belleSamples().slice(0, 24);
  fs.writeFileSync(
    gold,
    samples
      .map((sample, index) => JSON.stringify({ ...sample, score: scores[index % scores.length] }))
      .join('\n'),
  );
  return gold;
}

/** A synthesizer whose judge calls are recorded: without `judge` settings, every judge call is a gold call. */
function synthesizerWith(config: { gold: string; targetCount: number; maxCost?: number }) {
  const judgeModel = new RecordingModel(
    resolveModel(JUDGE, { baseURL: llm.anthropicBaseURL, apiKey: API_KEY }),
  );
  const generator = new RecordingModel(
    resolveModel(GENERATOR, { baseURL: llm.anthropicBaseURL, apiKey: API_KEY }),
  );
  const synthesizer = new DataSynthesizer(
    {
      model: GENERATOR,
      baseURL: llm.anthropicBaseURL,
      targetCount: config.targetCount,
      batchSize: 4,
      judgeGold: config.gold,
      statsHtml: true,
      ...(config.maxCost !== undefined && { maxCost: config.maxCost }),
    },
    { apiKey: API_KEY, judgeLanguageModel: judgeModel, languageModel: generator },
  );
  return { synthesizer, judgeModel, generator };
}

function readState(output: string) {
  return readRunState(JSON.parse(fs.readFileSync(journalPaths(output).state, 'utf8')))!;
}

describe('the judge checked on the gold file inside a run', () => {
  it('keeps the figures and their cost in the state, the result and the report; a resume reuses them', async () => {
    const analysisDir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.jsonl');
    const gold = writeGold();
    const first = synthesizerWith({ gold, targetCount: 4 });
    const events: SynthesisEvent[] = [];
    const result = await first.synthesizer.synthesize({
      analysisDir,
      output,
      onEvent: (event) => events.push(event),
    });
    expect(result.stoppedBecause).toBe('done');
    // 24 gold records in judge batches of the default size 10: three calls, before any generation call
    expect(first.judgeModel.calls).toHaveLength(3);
    const goldEvent = events.findIndex((event) => event.type === 'judge-gold');
    const firstProgress = events.findIndex((event) => event.type === 'progress');
    expect(goldEvent).toBeGreaterThan(-1);
    expect(firstProgress === -1 || goldEvent < firstProgress).toBe(true);

    const state = readState(output);
    expect(state.judgeGold).toMatchObject({
      file: gold,
      judgeModel: JUDGE,
      generatorModel: GENERATOR,
      sameModelAsGenerator: false,
      items: 24,
      scored: 24,
      calls: 3,
    });
    expect(state.judgeGold?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(state.judgeGold?.kappa).toBeGreaterThanOrEqual(-1);
    // the check's cost is in the run's cost: the judge model's line holds exactly its calls
    const judgeLine = state.costByModel?.[JUDGE];
    expect(judgeLine?.calls).toBe(3);
    expect(state.judgeGold?.cost).toBeGreaterThan(0);
    expect(judgeLine?.cost).toBeCloseTo(state.judgeGold!.cost!, 12);
    expect(state.cost).toBeCloseTo(judgeLine!.cost! + state.costByModel![GENERATOR]!.cost!, 12);
    expect(state.judgeGold?.usage.inputTokens).toBe(judgeLine?.usage.inputTokens);
    expect(result.judgeGold).toEqual(state.judgeGold);
    // the report made at the end, and one rebuilt later from the state, both show it
    expect(fs.readFileSync(`${output}.stats.html`, 'utf8')).toContain('<section id="judge-gold">');
    expect((await loadRunReport(output))?.judgeGold).toEqual(state.judgeGold);

    // a resume with the same gold file and judge does not pay for the check again
    const again = synthesizerWith({ gold, targetCount: 8 });
    const resumedEvents: SynthesisEvent[] = [];
    const resumed = await again.synthesizer.synthesize({
      analysisDir,
      output,
      resume: true,
      onEvent: (event) => resumedEvents.push(event),
    });
    expect(resumed.generatedCount).toBe(8);
    expect(again.judgeModel.calls).toHaveLength(0);
    expect(resumedEvents.some((event) => event.type === 'judge-gold')).toBe(true);
    expect(readState(output).judgeGold).toEqual(state.judgeGold);
    expect(readState(output).costByModel?.[JUDGE]?.calls).toBe(3);

    // a changed gold file is measured again, and its calls are added to the run's cost
    const changed = writeGold([1, 0]);
    const third = synthesizerWith({ gold: changed, targetCount: 10 });
    await third.synthesizer.synthesize({ analysisDir, output, resume: true });
    expect(third.judgeModel.calls).toHaveLength(3);
    const last = readState(output);
    expect(last.judgeGold?.file).toBe(changed);
    expect(last.judgeGold?.fingerprint).not.toBe(state.judgeGold?.fingerprint);
    expect(last.costByModel?.[JUDGE]?.calls).toBe(6);
  });

  it('keeps the check in the state the moment it is done: a run cancelled right after it resumes without paying again', async () => {
    const analysisDir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.jsonl');
    const gold = writeGold();
    const first = synthesizerWith({ gold, targetCount: 8 });
    const controller = new AbortController();
    let callsOnDiskWhenAnnounced: number | undefined;
    const cancelled = await first.synthesizer.synthesize({
      analysisDir,
      output,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type !== 'judge-gold') return;
        callsOnDiskWhenAnnounced = readState(output).judgeGold?.calls;
        controller.abort();
      },
    });
    expect(cancelled.stoppedBecause).toBe('cancelled');
    // the state on disk already held the check when it was announced (a kill -9 then loses nothing)
    expect(callsOnDiskWhenAnnounced).toBe(3);
    expect(first.generator.calls).toHaveLength(0);
    const again = synthesizerWith({ gold, targetCount: 8 });
    const resumed = await again.synthesizer.synthesize({ analysisDir, output, resume: true });
    expect(resumed.stoppedBecause).toBe('done');
    expect(again.judgeModel.calls).toHaveLength(0);
    expect(readState(output).costByModel?.[JUDGE]?.calls).toBe(3);
  });

  it('holds the check to maxCost: a cap it would pass stops the run before any generation call', async () => {
    const analysisDir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.jsonl');
    // one judge call of 10 records reserves its worst case (about $0.008 at claude-haiku-4-5's
    // prices); the cap leaves room for one, not for all three
    const capped = synthesizerWith({ gold: writeGold(), targetCount: 4, maxCost: 0.012 });
    const result = await capped.synthesizer.synthesize({ analysisDir, output });
    expect(result.stoppedBecause).toBe('budget');
    expect(capped.judgeModel.calls.length).toBeGreaterThan(0);
    expect(capped.judgeModel.calls.length).toBeLessThan(3);
    expect(capped.generator.calls).toHaveLength(0);
    const state = readState(output);
    // an interrupted check is not kept (a resume measures again), but what it spent is in the run's cost
    expect(state.judgeGold).toBeUndefined();
    expect(state.costByModel?.[JUDGE]?.calls).toBe(capped.judgeModel.calls.length);
    expect(state.cost).toBeGreaterThan(0);
    expect(state.cost).toBeLessThanOrEqual(0.012);
  });

  it('refuses an existing output or an output on an input file before any gold call is paid for', async () => {
    const analysisDir = copyBelleFolder();
    const dir = makeTempDir();
    const existing = path.join(dir, 'out.jsonl');
    fs.writeFileSync(existing, '{"instruction":"kept"}\n');
    const gold = writeGold();
    for (const [output, code] of [
      [existing, 'exists'],
      [gold, 'invalid_input'],
    ] as const) {
      const run = synthesizerWith({ gold, targetCount: 4 });
      const error = await run.synthesizer
        .synthesize({ analysisDir, output })
        .catch((caught: unknown) => caught);
      expect(SynthesisError.isInstance(error) && error.code, String(error)).toBe(code);
      expect(run.judgeModel.calls).toHaveLength(0);
    }
    expect(fs.readFileSync(existing, 'utf8')).toBe('{"instruction":"kept"}\n');
  });
});
