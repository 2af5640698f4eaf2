/**
 * DataSynth core benchmarks, run against the loopback server (`pnpm bench`). Each figure is a
 * ratio against the ideal or against a baseline measured in the same run, never a raw time:
 *   (a) requests/min achieved under an RPM cap as a share of the cap, and the share of 429s;
 *   (b) accepted records/s against concurrency × batch / latency, unthrottled;
 *   (c) billed input tokens per accepted record on the BELLE folder against a naive baseline;
 *   (d) CPU ms per accepted record and peak RSS for 100,000 records at zero latency.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { DataSynthesizer, type SynthesisConfig, type SynthesisResult } from '../src/index.js';

const BELLE = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');
const TESTKIT_CLI = path.resolve(import.meta.dirname, '../../testkit/dist/cli.js');
const quick = process.argv.includes('--quick');

interface Row {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
  detail: string;
}

function tempOutput(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-bench-')), name);
}

function run(baseURL: string, config: SynthesisConfig, output = tempOutput('out.jsonl')): Promise<SynthesisResult> {
  return new DataSynthesizer(
    { model: 'claude-sonnet-4-6', baseURL, retryBaseMs: 50, randomSeed: 42, ...config },
    { apiKey: 'sk-ant-bench' },
  ).synthesizeFromDataRecipe(BELLE, { output });
}

/** Starts the loopback server in its own process, so its CPU time is not counted as ours. */
async function startServerProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [TESTKIT_CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (match?.[1]) return { url: match[1], child };
  }
  throw new Error('the test server did not print its URL');
}

async function rateLimitBench(): Promise<Row> {
  const rpm = 1200;
  const server = await startTestServer({ rpm, latencyMs: 100, jitterMs: 50, seed: 1 });
  try {
    const target = quick ? 600 : 2000;
    const started = Date.now();
    const result = await run(server.anthropicBaseURL, { targetCount: target, concurrency: 'auto', maxRetries: 8 });
    const minutes = (Date.now() - started) / 60_000;
    const stats = server.stats();
    const succeeded = stats.totalRequests - stats.rateLimited;
    const share = succeeded / minutes / rpm;
    const share429 = stats.rateLimited / stats.totalRequests;
    return {
      name: '(a) RPM cap use',
      figure: `${share.toFixed(3)} of cap, ${(share429 * 100).toFixed(2)}% 429`,
      target: '≥ 0.95, ≤ 2%',
      pass: share >= 0.95 && share429 <= 0.02,
      detail: `${succeeded} requests in ${(minutes * 60).toFixed(1)} s at ${rpm} rpm; ${result.generatedCount} records`,
    };
  } finally {
    await server.close();
  }
}

async function throughputBench(): Promise<Row> {
  const latencyMs = 200;
  const concurrency = 32;
  const batchSize = 5;
  const { url, child } = await startServerProcess(['--latency', String(latencyMs)]);
  try {
    const target = quick ? 1600 : 4800;
    const started = Date.now();
    const result = await run(url, { targetCount: target, concurrency, batchSize, seedSampleCount: 3 });
    const seconds = (Date.now() - started) / 1000;
    const ideal = (concurrency * batchSize) / (latencyMs / 1000);
    const achieved = result.generatedCount / seconds;
    const ratio = achieved / ideal;
    return {
      name: '(b) throughput',
      figure: `${ratio.toFixed(3)} of ideal`,
      target: '≥ 0.90',
      pass: ratio >= 0.9,
      detail: `${achieved.toFixed(0)} records/s vs ideal ${ideal} (${concurrency} × ${batchSize} / ${latencyMs} ms)`,
    };
  } finally {
    child.kill();
  }
}

function billedInput(result: SynthesisResult): number {
  const { inputTokens, cacheWriteTokens, cacheReadTokens } = result.usage;
  return inputTokens + 1.25 * cacheWriteTokens + 0.1 * cacheReadTokens;
}

async function cachingBench(): Promise<Row> {
  const target = quick ? 100 : 300;
  const baselineServer = await startTestServer({ seed: 5 });
  const oursServer = await startTestServer({ seed: 5 });
  try {
    const baseline = await run(baselineServer.anthropicBaseURL, {
      targetCount: target,
      batchSize: 5,
      promptCaching: false,
      concurrency: 4,
    });
    const ours = await run(oursServer.anthropicBaseURL, { targetCount: target, concurrency: 4 });
    const baselinePerRecord = billedInput(baseline) / baseline.generatedCount;
    const oursPerRecord = billedInput(ours) / ours.generatedCount;
    const ratio = oursPerRecord / baselinePerRecord;
    const baselineYield = baseline.generatedCount / baselineServer.stats().recordsEmitted;
    const oursYield = ours.generatedCount / oursServer.stats().recordsEmitted;
    return {
      name: '(c) billed input / record',
      figure: `${ratio.toFixed(3)} of baseline`,
      target: '≤ 0.40, yield ≥ baseline',
      pass: ratio <= 0.4 && oursYield >= baselineYield,
      detail: `${oursPerRecord.toFixed(0)} vs ${baselinePerRecord.toFixed(0)} tokens; yield ${oursYield.toFixed(3)} vs ${baselineYield.toFixed(3)}`,
    };
  } finally {
    await Promise.all([baselineServer.close(), oursServer.close()]);
  }
}

async function cpuBench(): Promise<Row> {
  const target = quick ? 10_000 : 100_000;
  const { url, child } = await startServerProcess(['--latency', '0']);
  try {
    const cpuBefore = process.cpuUsage();
    const result = await run(url, { targetCount: target, concurrency: 16, validate: true });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerRecord = (cpu.user + cpu.system) / 1000 / result.generatedCount;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return {
      name: `(d) CPU and memory, ${target} records`,
      figure: `${cpuMsPerRecord.toFixed(3)} ms/record, ${peakRssMb.toFixed(0)} MB peak RSS`,
      target: '≤ 0.2 ms, ≤ 400 MB',
      pass: cpuMsPerRecord <= 0.2 && peakRssMb <= 400,
      detail: `${result.generatedCount} records, ${result.requests} requests`,
    };
  } finally {
    child.kill();
  }
}

const rows: Row[] = [];
for (const bench of [rateLimitBench, throughputBench, cachingBench, cpuBench]) {
  rows.push(await bench());
  const row = rows.at(-1)!;
  console.log(`${row.pass ? 'PASS' : 'MISS'}  ${row.name}: ${row.figure} (target ${row.target}) — ${row.detail}`);
}
console.log(`\n${rows.filter((r) => r.pass).length} of ${rows.length} benchmarks met their targets`);
