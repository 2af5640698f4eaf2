import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { costOf } from '@datasynth/cost';
import { startTestServer, type TestServer, type TestServerOptions } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBelleFolder, readJsonl } from '../../test/helpers.js';
import { DataSynthesizer } from './data-synthesizer.js';
import type { SynthesisEvent } from './events.js';
import type { RunState } from './run-state.js';

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
    expect(new Set(second.state.batches?.map((entry) => entry.round)).size).toBe(
      second.state.batches?.length,
    );
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
    timeout: 30_000,
  }, async () => {
    const llm = await server({ batch: { processingMs: 1500 } });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const first = runChild(dir, output, llm.anthropicBaseURL, false);
    // kill it once the batch id is on disk, while it waits on the provider
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const state = fs.existsSync(`${output}.state.json`)
        ? (JSON.parse(fs.readFileSync(`${output}.state.json`, 'utf8')) as RunState)
        : undefined;
      if (state?.batches?.[0]?.id) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBeNull();
    expect(submissions(llm)).toBe(1);

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
    const state = JSON.parse(fs.readFileSync(`${output}.state.json`, 'utf8')) as RunState;
    expect(state.batches?.map((entry) => entry.status)).toEqual(['collected']);
  });
});
