import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyBelleFolder, readJsonl } from '../../test/helpers.js';
import { serveForTest } from '../../test/serve-for-test.js';
import { journalPaths } from '../journal/journal-paths.js';
import { DataSynthesizer } from '../synthesizer/data-synthesizer.js';
import type { RunState } from '../synthesizer/run-state.js';
import { provenancePath, readProvenanceSidecar } from './provenance-sidecar.js';
import { PROVENANCE_KEY } from './record-provenance.js';

function synthesizer(baseURL: string, config: ConstructorParameters<typeof DataSynthesizer>[0] = {}) {
  return new DataSynthesizer(
    { model: 'claude-sonnet-4-6', baseURL, retryBaseMs: 5, concurrency: 3, randomSeed: 7, ...config },
    { apiKey: 'sk-ant-test-key' },
  );
}

interface Envelope {
  metadata: Record<string, unknown>;
  samples: Record<string, unknown>[];
}

function envelope(file: string): Envelope {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Envelope;
}

function state(output: string): RunState {
  return JSON.parse(fs.readFileSync(journalPaths(output).state, 'utf8')) as RunState;
}

describe('per-record provenance of a run', () => {
  it('records what the server reported: its model id, its request ids, one call id per request, prompt hashes, seeds shown, sampling, cost share', async () => {
    const llm = await serveForTest({ seed: 11, modelSnapshot: '-20260101' });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 24,
      batchSize: 5,
      statsHtml: true,
    }).synthesizeFromDataRecipe(dir, { output });
    expect(result.stoppedBecause).toBe('done');
    expect(result.provenancePath).toBe(provenancePath(output));
    const written = envelope(output);
    const lines = (await readProvenanceSidecar(output)) ?? [];
    expect(lines.map((line) => line.id)).toEqual(written.samples.map((sample) => sample.id));
    // The output keeps the records only: provenance lives in the journal and the sidecar.
    expect(written.samples.every((sample) => !(PROVENANCE_KEY in sample))).toBe(true);
    expect(readJsonl(journalPaths(output).journal).every((entry) => PROVENANCE_KEY in entry)).toBe(true);

    // The model id as the server reported it, not the id asked for.
    expect(new Set(lines.map((line) => line.model))).toEqual(new Set(['claude-sonnet-4-6-20260101']));
    // Each call id has one request id, each one the server sent with an answer.
    const answered = llm.stats().answeredRequestIds;
    const requestOfCall = new Map<string, string | undefined>();
    for (const line of lines) {
      expect(line.callId).toMatch(/^call-\d+$/);
      const known = requestOfCall.get(line.callId);
      if (known !== undefined) expect(line.requestId).toBe(known);
      requestOfCall.set(line.callId, line.requestId);
      expect(answered).toContain(line.requestId);
    }
    expect(new Set(requestOfCall.values()).size).toBe(requestOfCall.size);
    expect(requestOfCall.size).toBeGreaterThanOrEqual(5);

    const seedCount = 50;
    const temperature = written.metadata.temperature;
    for (const line of lines) {
      expect(line.stablePromptHash).toBe(lines[0]?.stablePromptHash);
      expect(line.varyingPromptHash).toMatch(/^[0-9a-f]{16}$/);
      expect(line.seedIds).toHaveLength(3);
      for (const seed of line.seedIds) {
        const position = Number(/^seed #(\d+)$/.exec(seed)?.[1]);
        expect(position).toBeGreaterThanOrEqual(1);
        expect(position).toBeLessThanOrEqual(seedCount);
      }
      expect(line.sampling?.maxTokens).toBeGreaterThan(0);
      // No call was retried on this clean server: each sent the run's first-attempt temperature, or none.
      expect(line.sampling?.temperature ?? null).toBe(temperature);
      expect(Number.isNaN(Date.parse(line.acceptedAt))).toBe(false);
    }
    // Records of one call share its varying prompt; calls show different seeds.
    const varyingOfCall = new Map(lines.map((line) => [line.callId, line.varyingPromptHash]));
    for (const line of lines) expect(line.varyingPromptHash).toBe(varyingOfCall.get(line.callId));
    expect(new Set(varyingOfCall.values()).size).toBe(varyingOfCall.size);
    // Journal order is acceptance order.
    const times = lines.map((line) => Date.parse(line.acceptedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Every call yielded records on this server, so the shares add up to the run's cost.
    const shared = lines.reduce((sum, line) => sum + (line.costShare ?? 0), 0);
    expect(result.actualCost).toBeGreaterThan(0);
    expect(shared).toBeCloseTo(result.actualCost ?? 0, 5);

    // The report's provenance section: the manifest's hashes, the records per reported model and their calls.
    const html = fs.readFileSync(result.statsHtmlPath ?? '', 'utf8');
    const section = html.slice(html.indexOf('id="provenance"'));
    expect(section).toContain(state(output).manifest?.schema.slice(0, 16));
    expect(section).toContain('claude-sonnet-4-6-20260101');
    expect(section).toContain(`24 records from ${requestOfCall.size} calls`);
  });

  it('records the temperature of the attempt that was answered: raised by 0.05 per retry', async () => {
    const llm = await serveForTest({ seed: 15, faults: { server: 0.4 } });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const result = await new DataSynthesizer(
      {
        model: 'gpt-4.1-mini',
        baseURL: llm.openaiBaseURL,
        retryBaseMs: 1,
        maxRetries: 5,
        concurrency: 1,
        randomSeed: 7,
        targetCount: 30,
        batchSize: 5,
      },
      { apiKey: 'sk-test-key' },
    ).synthesizeFromDataRecipe(dir, { output });
    expect(result.stoppedBecause).toBe('done');
    const lines = (await readProvenanceSidecar(output)) ?? [];
    // Some calls were retried: more requests were sent than calls yielded records.
    expect(result.requests).toBeGreaterThan(new Set(lines.map((line) => line.callId)).size);
    const temperatureOfCall = new Map<string, number | undefined>();
    for (const line of lines) {
      const temperature = line.sampling?.temperature;
      expect([0.8, 0.85, 0.9, 0.95, 1]).toContain(Number(temperature?.toFixed(2)));
      if (temperatureOfCall.has(line.callId)) expect(temperature).toBe(temperatureOfCall.get(line.callId));
      temperatureOfCall.set(line.callId, temperature);
    }
    const temperatures = [...temperatureOfCall.values()];
    expect(temperatures.some((temperature) => temperature === 0.8)).toBe(true);
    expect(temperatures.some((temperature) => (temperature ?? 0) > 0.8)).toBe(true);
  });

  it('keeps the run manifest in the state: the same inputs give the same hashes, other settings another config hash', async () => {
    const llm = await serveForTest({ seed: 12 });
    const dir = copyBelleFolder();
    const first = path.join(dir, 'a.json');
    const second = path.join(dir, 'b.json');
    await synthesizer(llm.anthropicBaseURL, { targetCount: 4 }).synthesizeFromDataRecipe(dir, {
      output: first,
    });
    await synthesizer(llm.anthropicBaseURL, { targetCount: 5 }).synthesizeFromDataRecipe(dir, {
      output: second,
    });
    const a = state(first).manifest;
    const b = state(second).manifest;
    expect(a?.schema).toMatch(/^[0-9a-f]{64}$/);
    expect(a?.guidelines).toMatch(/^[0-9a-f]{64}$/);
    expect({ ...b, config: undefined }).toEqual({ ...a, config: undefined });
    expect(b?.config).not.toBe(a?.config);
  });

  it('stays exact across a cancelled session and a crash that tore the journal and lost the sidecar', async () => {
    const llm = await serveForTest({ seed: 13, latencyMs: 5 });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const controller = new AbortController();
    const first = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 40,
      concurrency: 2,
      cancelGraceMs: 0,
    }).synthesizeFromDataRecipe(dir, {
      output,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.progress.accepted >= 8) controller.abort();
      },
    });
    expect(first.stoppedBecause).toBe('cancelled');
    expect(first.generatedCount).toBeLessThan(40);
    const before = (await readProvenanceSidecar(output)) ?? [];
    expect(before.map((line) => line.id)).toEqual(envelope(output).samples.map((sample) => sample.id));

    // What a kill -9 in the middle of an append and before the end of the run leaves: a torn last
    // journal line and no sidecar written for the records journaled so far.
    fs.rmSync(provenancePath(output));
    fs.appendFileSync(journalPaths(output).journal, '{"id":"SYNTH_9999","data":{"instruction":"torn');

    const second = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 40,
      concurrency: 2,
    }).synthesizeFromDataRecipe(dir, { output, resume: true });
    expect(second.stoppedBecause).toBe('done');
    const samples = envelope(output).samples;
    expect(samples).toHaveLength(40);
    const after = (await readProvenanceSidecar(output)) ?? [];
    expect(after.map((line) => line.id)).toEqual(samples.map((sample) => sample.id));
    expect(new Set(after.map((line) => line.id)).size).toBe(40);
    // The first session's records keep the provenance they were journaled with.
    expect(after.slice(0, before.length)).toEqual(before);
    // Call numbers go on across the sessions: no call id of the second session names a first-session call.
    const firstCalls = new Set(before.map((line) => line.callId));
    const secondCalls = new Set(after.slice(before.length).map((line) => line.callId));
    expect([...secondCalls].filter((call) => firstCalls.has(call))).toEqual([]);
  });

  it('writes no sidecar and keeps none in the journal with provenance off, and removes a stale sidecar', async () => {
    const llm = await serveForTest({ seed: 14 });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    await synthesizer(llm.anthropicBaseURL, { targetCount: 4 }).synthesizeFromDataRecipe(dir, { output });
    expect(fs.existsSync(provenancePath(output))).toBe(true);
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 4,
      provenance: false,
      overwrite: true,
    }).synthesizeFromDataRecipe(dir, { output });
    expect(result.generatedCount).toBe(4);
    expect(result.provenancePath).toBeUndefined();
    expect(fs.existsSync(provenancePath(output))).toBe(false);
    expect(readJsonl(journalPaths(output).journal).some((entry) => PROVENANCE_KEY in entry)).toBe(false);
  });
});
