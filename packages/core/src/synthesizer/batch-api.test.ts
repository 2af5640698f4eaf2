import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { costOf } from '@datasynth/cost';
import { type BatchCapability, type LanguageModel, ProviderError, type Usage } from '@datasynth/providers';
import { startTestServer, type TestServer, type TestServerOptions } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBelleFolder, readJsonl } from '../../test/helpers.js';
import { journalPaths } from '../journal/journal-paths.js';
import { readProvenanceSidecar } from '../provenance/provenance-sidecar.js';
import { DataSynthesizer } from './data-synthesizer.js';
import type { SynthesisEvent } from './events.js';
import { addUsage, emptyUsage, type RunState } from './run-state.js';

const servers: TestServer[] = [];
async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer({
    seed: 4,
    ...options,
    batch: { processingMs: 30, ...options.batch },
  });
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Config = ConstructorParameters<typeof DataSynthesizer>[0];

async function batchRun(llm: TestServer, config: Config = {}, model = 'claude-sonnet-4-6') {
  const openai = model.startsWith('gpt-');
  const synth = new DataSynthesizer(
    {
      model,
      baseURL: openai ? llm.openaiBaseURL : llm.anthropicBaseURL,
      targetCount: 30,
      batchApi: true,
      batchPollIntervalMs: 20,
      retryBaseMs: 5,
      randomSeed: 3,
      ...config,
    },
    { apiKey: openai ? 'sk-test-key' : 'sk-ant-test-key' },
  );
  const dir = copyBelleFolder();
  const events: SynthesisEvent[] = [];
  const result = await synth.synthesizeFromDataRecipe(dir, {
    output: path.join(dir, 'out.jsonl'),
    onEvent: (event) => events.push(event),
  });
  const state = JSON.parse(fs.readFileSync(result.statePath, 'utf8')) as RunState;
  return { synth, dir, result, events, state };
}

const submissions = (llm: TestServer) =>
  (llm.stats().requests['POST /v1/messages/batches'] ?? 0) + (llm.stats().requests['POST /v1/batches'] ?? 0);
const onlineCalls = (llm: TestServer) =>
  (llm.stats().requests['POST /v1/messages'] ?? 0) + (llm.stats().requests['POST /v1/chat/completions'] ?? 0);

describe('batch API runs', () => {
  it('plans, chunks, records batch ids before waiting, and reaches the target at half the online price', async () => {
    const llm = await server();
    const { result, events, state } = await batchRun(llm, { batchMaxRequests: 2 });
    expect(result.stoppedBecause).toBe('done');
    expect(result.generatedCount).toBe(30);
    expect(readJsonl(result.outputPath)).toHaveLength(30);
    // 3 calls of 10 records, at most 2 per provider batch: 2 batches, and not one online call
    expect(submissions(llm)).toBe(2);
    expect(onlineCalls(llm)).toBe(0);
    expect(result.requests).toBe(3);
    expect(state.batches?.map((entry) => [entry.status, entry.requestCount])).toEqual([
      ['collected', 2],
      ['collected', 1],
    ]);
    for (const entry of state.batches ?? []) expect(entry.id).toMatch(/^msgbatch_/);
    const batchEvents = events.filter((event) => event.type === 'batch');
    expect(batchEvents.map((event) => event.action)).toEqual(['submitted', 'submitted', 'ended', 'ended']);
    const waiting = events.find((event) => event.type === 'progress' && event.progress.batch);
    expect(waiting?.type === 'progress' && waiting.progress.batch).toMatchObject({ round: 1, batches: 2 });

    // the same usage online would cost twice as much
    const online = costOf(result.usage, 'claude-sonnet-4-6') ?? 0;
    expect(result.actualCost).toBeGreaterThan(0);
    expect(result.actualCost).toBeCloseTo(online / 2, 6);
  });

  it('runs through OpenAI Batch (JSONL file upload) the same way', async () => {
    const llm = await server();
    const { result } = await batchRun(llm, { targetCount: 20 }, 'gpt-4.1-mini');
    expect(result.stoppedBecause).toBe('done');
    expect(result.generatedCount).toBe(20);
    expect(llm.stats().requests['POST /v1/files']).toBe(1);
    expect(submissions(llm)).toBe(1);
    expect(onlineCalls(llm)).toBe(0);
    expect(result.actualCost).toBeCloseTo((costOf(result.usage, 'gpt-4.1-mini') ?? 0) / 2, 6);
  });

  it('tops up errored requests online by default, or with follow-up batches', async () => {
    const online = await server({ batch: { errorRate: 0.5 } });
    const first = await batchRun(online, { targetCount: 60 });
    expect(first.result.stoppedBecause).toBe('done');
    expect(first.result.generatedCount).toBe(60);
    expect(first.result.failedRequests).toBeGreaterThan(0);
    expect(submissions(online)).toBe(1);
    expect(onlineCalls(online)).toBeGreaterThan(0);
    expect(first.result.warnings.join('\n')).toMatch(
      /requests of batch .* failed \(\d+ errored\).*topped up with online calls/,
    );

    const batched = await server({ batch: { errorRate: 0.5 } });
    const second = await batchRun(batched, { targetCount: 60, batchTopUp: 'batch' });
    expect(second.result.stoppedBecause).toBe('done');
    expect(second.result.generatedCount).toBe(60);
    expect(submissions(batched)).toBeGreaterThan(1);
    expect(onlineCalls(batched)).toBe(0);
    const rounds = new Set(second.state.batches?.map((entry) => entry.round));
    expect(rounds.size).toBe(second.state.batches?.length);
    // Top-ups sized from the observed yield (about half here) ask for twice the shortfall: the
    // target is reached in one or two more rounds (asking for the shortfall itself took five).
    expect(rounds.size).toBeLessThanOrEqual(3);
  });

  it('tops up expired requests, and gives up cleanly when every follow-up batch expires', async () => {
    const expiring = await server({ batch: { expireAll: true } });
    const { result } = await batchRun(expiring, { targetCount: 20 });
    expect(result.stoppedBecause).toBe('done');
    expect(result.generatedCount).toBe(20);
    expect(result.warnings.join('\n')).toMatch(/2 expired/);
    expect(onlineCalls(expiring)).toBeGreaterThan(0);

    const never = await server({ batch: { expireAll: true } });
    const stuck = await batchRun(never, { targetCount: 20, batchTopUp: 'batch', maxAttemptsFactor: 2 });
    expect(stuck.result.stoppedBecause).toBe('max-attempts');
    expect(stuck.result.generatedCount).toBe(0);
    expect(submissions(never)).toBe(2);
    expect(stuck.result.actualCost).toBe(0);
  });

  it('prices estimates at batch rates, and refuses a model without a batch API', () => {
    const online = new DataSynthesizer({ targetCount: 500 }).estimate();
    const batch = new DataSynthesizer({ targetCount: 500, batchApi: true }).estimate();
    expect(batch.cost.chosen).toBe(online.cost.batchApiWithCaching);
    expect(batch.cost.chosen).toBeCloseTo((online.cost.chosen ?? 0) / 2, 9);
    const local = new DataSynthesizer(
      { model: 'ollama:llama3.1', baseURL: 'http://127.0.0.1:9/v1', batchApi: true },
      {},
    );
    const dir = copyBelleFolder();
    return expect(local.synthesizeFromDataRecipe(dir)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no batch API/),
    });
  });
});

/** The model a batch run would resolve, with some of its batch capability replaced. */
function withBatch(model: LanguageModel, replace: Partial<BatchCapability>): LanguageModel {
  const inner = model.batch as BatchCapability;
  const batch: BatchCapability = {
    limits: inner.limits,
    submit: (requests, options) => inner.submit(requests, options),
    retrieve: (id, options) => inner.retrieve(id, options),
    results: (id, options) => inner.results(id, options),
    cancel: (id, options) => inner.cancel(id, options),
    ...replace,
  };
  return new Proxy(model, {
    get(target, property) {
      if (property === 'batch') return batch;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const readState = (output: string) =>
  JSON.parse(fs.readFileSync(journalPaths(output).state, 'utf8')) as RunState;

describe('batch API runs stopped part-way', () => {
  const settings = (llm: TestServer) =>
    ({
      model: 'claude-sonnet-4-6',
      baseURL: llm.anthropicBaseURL,
      batchApi: true,
      batchPollIntervalMs: 20,
      retryBaseMs: 5,
      randomSeed: 3,
    }) satisfies Config;

  it('resumes a collection cut short mid-stream without counting any result line twice', async () => {
    const llm = await server();
    const config = { ...settings(llm), targetCount: 30 };
    const model = new DataSynthesizer(config, { apiKey: 'sk-ant-test-key' }).model();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');

    // First session: the results stream fails after one of the batch's three lines, stopping the run.
    const cut = withBatch(model, {
      async *results(id, options) {
        let read = 0;
        for await (const line of (model.batch as BatchCapability).results(id, options)) {
          if (read === 1) throw new ProviderError({ kind: 'auth', message: 'The key was revoked.' });
          read += 1;
          yield line;
        }
      },
    });
    const first = await new DataSynthesizer(config, { languageModel: cut }).synthesizeFromDataRecipe(dir, {
      output,
    });
    expect(first.stoppedBecause).toBe('error');
    expect(first.generatedCount).toBe(10);
    expect(first.actualCost).toBeGreaterThan(0);
    const stopped = readState(output);
    expect(stopped.batches?.map((entry) => [entry.status, Object.keys(entry.requests).length])).toEqual([
      ['submitted', 2],
    ]);

    // Second session: re-attaches and reads the stream again; the line already handled is skipped.
    const usages: Usage[] = [];
    const counting = withBatch(model, {
      async *results(id, options) {
        for await (const line of (model.batch as BatchCapability).results(id, options)) {
          if (line.status === 'succeeded') usages.push(line.result.usage);
          yield line;
        }
      },
    });
    const second = await new DataSynthesizer(config, {
      languageModel: counting,
    }).synthesizeFromDataRecipe(dir, { output, resume: true });
    expect(second.stoppedBecause).toBe('done');
    expect(second.generatedCount).toBe(30);
    expect(submissions(llm)).toBe(1);
    expect(onlineCalls(llm)).toBe(0);
    const records = readJsonl(output);
    expect(records).toHaveLength(30);
    expect(new Set(records.map((record) => JSON.stringify(record))).size).toBe(30);

    // Each of the three lines is counted exactly once: usage, cost, duplicates and rejects.
    expect(usages).toHaveLength(3);
    const state = readState(output);
    const whole = usages.reduce(addUsage, emptyUsage());
    expect(state.usage).toEqual(whole);
    expect(state.cost).toBeCloseTo(costOf(whole, 'claude-sonnet-4-6', { batch: true }) ?? 0, 9);
    expect(state.requests).toBe(3);
    expect(state.duplicates).toEqual({ exact: 0, near: 0 });
    expect(state.rejected).toBe(0);
    expect(
      fs.existsSync(journalPaths(output).rejects) ? readJsonl(journalPaths(output).rejects) : [],
    ).toEqual([]);
    expect(state.batches?.map((entry) => entry.status)).toEqual(['collected']);
  });

  it('submits no further batch once the run is cancelled while batches are planned and submitted', async () => {
    const llm = await server({ batch: { processingMs: 200 } });
    const config = { ...settings(llm), targetCount: 30, batchMaxRequests: 1 };
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const controller = new AbortController();
    const events: SynthesisEvent[] = [];
    const synth = new DataSynthesizer(config, { apiKey: 'sk-ant-test-key' });
    const result = await synth.synthesizeFromDataRecipe(dir, {
      output,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        // Ctrl-C as the first of three one-request batches is accepted, while the second is planned.
        if (event.type === 'batch' && event.action === 'submitted') controller.abort();
      },
    });
    expect(result.stoppedBecause).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(submissions(llm)).toBe(1);
    // Only the submitted request is counted; the planned one was neither sent nor failed.
    expect(result.requests).toBe(1);
    expect(result.failedRequests).toBe(0);
    expect(events.filter((event) => event.type === 'batch')).toHaveLength(1);
    expect(readState(output).batches?.map((entry) => [entry.status, entry.requestCount])).toEqual([
      ['submitted', 1],
    ]);

    // Resuming collects the batch in flight and plans the rest.
    const resumed = await synth.synthesizeFromDataRecipe(dir, { output, resume: true });
    expect(resumed.stoppedBecause).toBe('done');
    expect(resumed.generatedCount).toBe(30);
    expect(submissions(llm)).toBe(3);
    expect(resumed.requests).toBe(3);
    expect(readJsonl(output)).toHaveLength(30);
  });

  it('re-submits a batch planned before a crash held to the budget, counted, with an orphan warning', async () => {
    const llm = await server();
    const config = { ...settings(llm), targetCount: 20 };
    const model = new DataSynthesizer(config, { apiKey: 'sk-ant-test-key' }).model();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');

    // The state on disk at the moment of submission is what a crash during the submission leaves.
    let crashed: string | undefined;
    const crashing = withBatch(model, {
      submit: async () => {
        crashed = fs.readFileSync(journalPaths(output).state, 'utf8');
        throw new ProviderError({ kind: 'auth', message: 'Simulated crash.' });
      },
    });
    await new DataSynthesizer(config, { languageModel: crashing }).synthesizeFromDataRecipe(dir, { output });
    expect(submissions(llm)).toBe(0);
    const planned = JSON.parse(crashed as string) as RunState;
    expect(planned.batches).toHaveLength(1);
    expect(planned.batches?.[0]).toMatchObject({ status: 'planned', requestCount: 2 });
    expect(planned.batches?.[0]?.id).toBeUndefined();
    fs.writeFileSync(journalPaths(output).state, crashed as string);
    fs.rmSync(journalPaths(output).rejects, { force: true });

    // A cap below one request's worst case: nothing is submitted, the batch stays planned.
    const capped = await new DataSynthesizer(
      { ...config, maxCost: 0.0001 },
      { languageModel: model },
    ).synthesizeFromDataRecipe(dir, { output, resume: true });
    expect(capped.stoppedBecause).toBe('budget');
    expect(submissions(llm)).toBe(0);
    expect(capped.requests).toBe(0);
    expect(readState(output).batches?.map((entry) => [entry.status, entry.requestCount])).toEqual([
      ['planned', 2],
    ]);

    // Without the cap it is submitted once, its requests counted, with a warning about a possible orphan.
    const resumed = await new DataSynthesizer(config, { languageModel: model }).synthesizeFromDataRecipe(
      dir,
      {
        output,
        resume: true,
      },
    );
    expect(resumed.stoppedBecause).toBe('done');
    expect(resumed.generatedCount).toBe(20);
    expect(submissions(llm)).toBe(1);
    expect(onlineCalls(llm)).toBe(0);
    expect(resumed.requests).toBe(2);
    expect(resumed.warnings.join('\n')).toMatch(/before the provider's batch id was recorded.*orphan/);
    const state = readState(output);
    expect(state.funnel?.requested).toBe(20);
    expect(state.batches?.map((entry) => entry.status)).toEqual(['collected']);
    expect(readJsonl(output)).toHaveLength(20);
  });
});

const CHILD = path.resolve(import.meta.dirname, '../../test/fixtures/run-batch-synthesis.mjs');

function runChild(dir: string, output: string, baseURL: string, resume: boolean) {
  const child = spawn(process.execPath, [CHILD, dir, output, '20', resume ? 'resume' : 'new'], {
    env: { ...process.env, ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: baseURL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

describe('batch API runs across a restart', () => {
  it('re-attaches to the batch in flight after a kill: one submission, no lost or doubled records', {
    timeout: 120_000,
  }, async () => {
    // The batch stays in progress until the test ends it, so the kill always lands after the
    // submission and before the results, however slow the machine is.
    const llm = await server({ batch: { processingMs: 3_600_000 } });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const first = runChild(dir, output, llm.anthropicBaseURL, false);
    // kill it once the batch id is on disk, while it waits on the provider
    let planned: RunState['batches'];
    for (;;) {
      const state = fs.existsSync(journalPaths(output).state)
        ? (JSON.parse(fs.readFileSync(journalPaths(output).state, 'utf8')) as RunState)
        : undefined;
      planned = state?.batches;
      if (state?.batches?.[0]?.id) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBeNull();
    expect(submissions(llm)).toBe(1);
    llm.finishBatches();

    const second = runChild(dir, output, llm.anthropicBaseURL, true);
    const finished = await second.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(JSON.parse(finished.stdout.trim())).toMatchObject({ generated: 20, stopped: 'done' });
    expect(finished.stderr).toMatch(/batch attached msgbatch_/);
    expect(submissions(llm)).toBe(1);
    expect(onlineCalls(llm)).toBe(0);
    const records = readJsonl(output);
    expect(records).toHaveLength(20);
    expect(new Set(records.map((record) => JSON.stringify(record))).size).toBe(20);
    const state = JSON.parse(fs.readFileSync(journalPaths(output).state, 'utf8')) as RunState;
    expect(state.batches?.map((entry) => entry.status)).toEqual(['collected']);
    // Provenance collected by the second process: what each request showed, as the first one planned it.
    const batch = planned?.[0];
    const provenance = (await readProvenanceSidecar(output)) ?? [];
    expect(provenance).toHaveLength(20);
    for (const line of provenance) {
      const customId = /^batch-(msgbatch_\w+)\/request-(ds1-\d+)$/.exec(line.callId);
      expect(customId?.[1]).toBe(batch?.id);
      const packed = batch?.prompts?.requests[customId?.[2] ?? ''];
      expect(packed).toBeDefined();
      const [varyingPromptHash, seeds, maxTokens] = packed ?? [];
      expect(line).toMatchObject({
        model: state.model,
        stablePromptHash: batch?.prompts?.stablePromptHash,
        varyingPromptHash,
        seedIds: seeds?.map((position) => `seed #${position}`),
        // Batch requests carry no temperature.
        sampling: { maxTokens },
      });
      expect(line.sampling?.temperature).toBeUndefined();
      expect(line.stablePromptHash).toMatch(/^[0-9a-f]{16}$/);
      expect(line.seedIds).toHaveLength(3);
    }
    expect(state.batches?.[0]?.prompts).toBeUndefined();
  });
});
