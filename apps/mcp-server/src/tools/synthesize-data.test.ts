import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { invalidApiKey, startTestServer, type TestServer } from '@datasynth/testkit';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connect,
  makeRoot,
  SENTINEL_KEY,
  scrubProviderEnv,
  snapshot,
  textOf,
} from '../../test/harness.js';

scrubProviderEnv();

let fast: TestServer;
let slow: TestServer;
beforeAll(async () => {
  fast = await startTestServer({ seed: 7 });
  slow = await startTestServer({ seed: 11, latencyMs: 150 });
});
afterAll(async () => {
  await fast.close();
  await slow.close();
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function setup(server: TestServer | undefined) {
  const root = fs.realpathSync(makeRoot());
  const env = server ? { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL } : {};
  const { client, close } = await connect({ root, env });
  closers.push(close);
  return { root, client };
}

interface RunResult {
  stopped_because: string;
  generated_count: number;
  new_count: number;
  target_count: number;
  output_path: string;
  actual_cost_usd: number | null;
  usage: { input_tokens: number; output_tokens: number };
}

function samplesOf(file: string): { id: string; data: Record<string, unknown> }[] {
  return (
    JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: { id: string; data: Record<string, unknown> }[] }
  ).samples;
}

describe('synthesize_data', () => {
  it('generates the exact count through the API, reporting progress with the cost so far', async () => {
    const { root, client } = await setup(fast);
    const updates: Progress[] = [];
    const result = (await client.callTool(
      { name: 'synthesize_data', arguments: { analysis_dir: 'belle', count: 12, batch_size: 3 } },
      undefined,
      { onprogress: (progress) => updates.push(progress) },
    )) as CallToolResult;
    expect(result.isError, textOf(result)).toBeFalsy();
    const run = result.structuredContent as unknown as RunResult;
    const output = path.join(root, 'belle', '11_合成数据', 'synthetic.json');
    expect(run).toMatchObject({
      stopped_because: 'done',
      generated_count: 12,
      new_count: 12,
      target_count: 12,
      output_path: output,
    });
    expect(run.actual_cost_usd).toBeGreaterThan(0);
    // Rounded: no floating-point noise such as 0.0006529999999999999 in any figure.
    expect(JSON.stringify(result.structuredContent)).not.toMatch(/\.0*[1-9]\d{8,}/);
    expect(run.usage.output_tokens).toBeGreaterThan(0);
    expect(textOf(result)).toMatch(
      /^Generated 12\/12 records into .*synthetic\.json with claude-sonnet-5-5: .*\$\d+\.\d{4}/,
    );

    const samples = samplesOf(output);
    expect(samples).toHaveLength(12);
    expect(new Set(samples.map((sample) => sample.id)).size).toBe(12);
    expect(
      samples.every((sample) => ['generation', 'classification'].includes(sample.data.category as string)),
    ).toBe(true);

    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.every((update) => update.total === 12)).toBe(true);
    const values = updates.map((update) => update.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(values.at(-1)).toBe(12);
    expect(values.filter(Number.isInteger).length).toBeGreaterThanOrEqual(2);
    expect(updates.some((update) => /\$\d+\.\d{4} so far/.test(update.message ?? ''))).toBe(true);

    const everything = JSON.stringify({ result, updates });
    expect(everything).not.toContain(SENTINEL_KEY);
    expect(fs.readFileSync(output, 'utf8')).not.toContain(SENTINEL_KEY);
  });

  it('paces at rpm / tpm given as arguments and reports it; with neither (and no headers) no limit', async () => {
    const { client } = await setup(fast);
    const paced = (await client.callTool({
      name: 'synthesize_data',
      arguments: {
        analysis_dir: 'belle',
        output_path: 'paced.json',
        count: 4,
        batch_size: 2,
        rpm: 60,
        tpm: 30_000,
      },
    })) as CallToolResult;
    expect(paced.isError, textOf(paced)).toBeFalsy();
    expect((paced.structuredContent as { pacing: unknown }).pacing).toEqual({
      requests: { per_minute: 60, source: 'setting' },
      tokens: { per_minute: 30_000, source: 'setting' },
    });
    const unpaced = (await client.callTool({
      name: 'synthesize_data',
      arguments: { analysis_dir: 'belle', output_path: 'unpaced.json', count: 4, batch_size: 2 },
    })) as CallToolResult;
    expect(unpaced.isError, textOf(unpaced)).toBeFalsy();
    expect((unpaced.structuredContent as { pacing: unknown }).pacing).toEqual({});
  });

  it('writes per-record provenance by default, and none with provenance: false', async () => {
    const { client } = await setup(fast);
    const kept = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      output_path: 'kept.json',
      count: 6,
    });
    expect(kept.isError, textOf(kept)).toBeFalsy();
    const run = kept.structuredContent as unknown as RunResult & { provenance_path: string | null };
    expect(run.provenance_path).toBe(journalPaths(run.output_path).provenance);
    const lines = fs
      .readFileSync(run.provenance_path!, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; model: string; callId: string });
    expect(lines.map((line) => line.id)).toEqual(samplesOf(run.output_path).map((sample) => sample.id));
    expect(lines.every((line) => line.model === 'claude-sonnet-5-5' && /^call-\d+$/.test(line.callId))).toBe(
      true,
    );
    // synthesis_stats groups the records by any provenance key, as `datasynth stats --group-by` does.
    const byCall = await call(client, 'synthesis_stats', { data_path: 'kept.json', group_by: 'callId' });
    expect(byCall.isError, textOf(byCall)).toBeFalsy();
    const { groups } = byCall.structuredContent as {
      groups: { by: string; rows: { value: string; records: number }[] };
    };
    expect(groups.by).toBe('callId');
    const perCall = new Map<string, number>();
    for (const line of lines) perCall.set(line.callId, (perCall.get(line.callId) ?? 0) + 1);
    expect(new Map(groups.rows.map((row) => [row.value, row.records]))).toEqual(perCall);
    expect(textOf(byCall)).toContain('Records by callId:');

    const off = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      output_path: 'off.json',
      count: 6,
      provenance: false,
    });
    expect(off.isError, textOf(off)).toBeFalsy();
    const offRun = off.structuredContent as unknown as RunResult & { provenance_path: string | null };
    expect(offRun.provenance_path).toBeNull();
    expect(fs.existsSync(journalPaths(offRun.output_path).provenance)).toBe(false);
    const ungroupable = await call(client, 'synthesis_stats', { data_path: 'off.json', group_by: 'model' });
    expect(ungroupable.isError).toBe(true);
    expect(textOf(ungroupable).split('\n')).toHaveLength(1);
    expect(textOf(ungroupable)).toMatch(
      /^group_by reads the per-record provenance in .*off\.json\.provenance\.jsonl/,
    );
  });

  it('without a key, points the host to the interactive flow and touches nothing', async () => {
    const { root, client } = await setup(undefined);
    const before = snapshot(root);
    const result = await call(client, 'synthesize_data', { analysis_dir: 'belle', count: 5 });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('ANTHROPIC_API_KEY');
    expect(text).toMatch(/call prepare_synthesis .* then call parse_synthesis_result/);
    expect(text.split('\n')).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses an existing output without resume or overwrite, and replaces it with overwrite', async () => {
    const { root, client } = await setup(fast);
    const output = path.join(root, 'out.json');
    fs.writeFileSync(output, '{"keep": true}');
    const args = {
      schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
      seeds_path: 'belle/09_样例数据/samples.json',
      output_path: 'out.json',
      count: 4,
    };
    const refused = await call(client, 'synthesize_data', args);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain(`Output ${output} already exists.`);
    expect(textOf(refused)).toContain(
      'call again with resume: true to continue it, or overwrite: true to replace it.',
    );
    // Settings, not CLI flags: core's "(--resume)" reads "(resume: true)" here.
    expect(textOf(refused)).toContain('Resume it (resume: true) or replace it (overwrite: true).');
    expect(textOf(refused)).not.toMatch(/--[a-z]/);
    expect(fs.readFileSync(output, 'utf8')).toBe('{"keep": true}');

    const replaced = await call(client, 'synthesize_data', {
      ...args,
      overwrite: true,
      output_path: 'out.json',
    });
    expect(replaced.isError, textOf(replaced)).toBeFalsy();
    expect(JSON.parse(fs.readFileSync(output, 'utf8')).samples).toHaveLength(4);
  });

  it('refuses an output another process is writing, in one line, touching nothing', async () => {
    const { root, client } = await setup(fast);
    const output = path.join(root, 'out.jsonl');
    // This test process is alive: its pid in the lock stands for another writer (a CLI run, say).
    const lock = {
      pid: process.pid,
      host: os.hostname(),
      token: 'held-by-test',
      startedAt: new Date().toISOString(),
    };
    const lockFile = journalPaths(output).lock;
    fs.mkdirSync(path.dirname(lockFile), { recursive: true });
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    const before = snapshot(root);
    const refused = await call(client, 'synthesize_data', {
      schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
      seeds_path: 'belle/09_样例数据/samples.json',
      output_path: 'out.jsonl',
      count: 4,
      resume: true,
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      `Output ${output} is being written by process ${process.pid}. Wait for it to finish or stop it (if no such process runs, delete ${lockFile}).`,
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('judges, steers and writes the HTML report when asked, keeping scores beside the records', async () => {
    const { client } = await setup(fast);
    const result = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      output_path: 'quality.json',
      count: 20,
      judge_threshold: 0,
      steer: true,
      topics: ['旅行', '烹饪'],
      stats_html: true,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as unknown as RunResult & {
      stats_html_path: string | null;
      funnel: { requested: number; unique: number; judged: number };
    };
    expect(structured).toMatchObject({ stopped_because: 'done', generated_count: 20 });
    // threshold 0 keeps every judged record; each carries its judge verdict outside `data`
    for (const sample of samplesOf(structured.output_path) as { judge?: { score: number } }[]) {
      expect(sample.judge?.score).toBeGreaterThanOrEqual(0);
    }
    expect(structured.funnel.judged).toBe(20);
    expect(structured.funnel.requested).toBeGreaterThanOrEqual(20);
    expect(fs.readFileSync(structured.stats_html_path!, 'utf8')).toContain('<svg');
  });

  it('stops before the cost cap, resumably', async () => {
    const { client } = await setup(fast);
    const result = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      count: 20,
      max_cost: 0.000001,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ stopped_because: 'budget', generated_count: 0 });
    expect(textOf(result)).toMatch(/^Stopped \(budget\) at 0\/20 records .*resume: true/);
  });

  it('reports a rejected key as a failed, resumable run in one line', async () => {
    const root = fs.realpathSync(makeRoot());
    const { client, close } = await connect({
      root,
      env: { ANTHROPIC_API_KEY: invalidApiKey, ANTHROPIC_BASE_URL: fast.anthropicBaseURL },
    });
    closers.push(close);
    const result = await call(client, 'synthesize_data', { analysis_dir: 'belle', count: 5 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ stopped_because: 'error', generated_count: 0 });
    expect(textOf(result)).toMatch(/^Stopped \(error\) at 0\/5 records .*(key|auth)/i);
    expect(textOf(result).split('\n')).toHaveLength(1);
  });

  it('refuses outputs out of the root before calling the model', async () => {
    const { root, client } = await setup(fast);
    const outside = fs.realpathSync(makeRoot('datasynth-outside-'));
    fs.symlinkSync(outside, path.join(root, 'escape'));
    const requestsBefore = fast.stats().totalRequests;
    for (const outputPath of ['../escaped.json', path.join(outside, 'x.json'), 'escape/x.json']) {
      const result = await call(client, 'synthesize_data', {
        analysis_dir: 'belle',
        count: 3,
        output_path: outputPath,
      });
      expect(result.isError, outputPath).toBe(true);
      expect(textOf(result)).toMatch(/refused/);
    }
    expect(fast.stats().totalRequests).toBe(requestsBefore);
    expect(fs.readdirSync(path.join(outside))).toEqual(['belle']);
  });

  it('checks the judge on judge_gold_path before the first record and returns its agreement', async () => {
    const { root, client } = await setup(fast);
    const samples = samplesOf(path.join(root, 'belle', '09_样例数据', 'samples.json'));
    fs.writeFileSync(
      path.join(root, 'gold.jsonl'),
      samples
        .slice(0, 8)
        .map((sample, index) => JSON.stringify({ ...sample.data, score: [0, 0.5, 1][index % 3] }))
        .join('\n'),
    );
    const result = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      count: 4,
      output_path: 'out.jsonl',
      judge_gold_path: 'gold.jsonl',
      allow_seed_copy: true,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const run = result.structuredContent as unknown as RunResult & {
      judge_gold: { file: string; items: number; scored: number; same_model_as_generator: boolean };
    };
    expect(run.judge_gold).toMatchObject({
      file: path.join(root, 'gold.jsonl'),
      items: 8,
      scored: 8,
      same_model_as_generator: true,
    });
    expect(run.actual_cost_usd).toBeGreaterThan(0);
    const state = JSON.parse(fs.readFileSync(journalPaths(path.join(root, 'out.jsonl')).state, 'utf8'));
    expect(state.judgeGold).toMatchObject({ items: 8, calls: 1 });
    // synthesis_stats of the output reads the check (and the diversity trail) back from the run state
    const stats = await call(client, 'synthesis_stats', { data_path: 'out.jsonl' });
    expect(stats.isError, textOf(stats)).toBeFalsy();
    const described = stats.structuredContent as {
      judge_gold?: { items: number; judgeModel: string; calls: number; kappa: number };
      diversity_trail?: { points: { accepted: number }[] };
    };
    expect(described.judge_gold).toMatchObject({
      items: 8,
      judgeModel: state.judgeGold.judgeModel,
      calls: 1,
    });
    // figures in a tool answer are rounded
    expect(described.judge_gold?.kappa).toBeCloseTo(state.judgeGold.kappa, 6);
    expect(described.diversity_trail?.points.at(-1)?.accepted).toBe(4);
    expect(textOf(stats)).toMatch(/Judge claude-sonnet-5-5 on 8 gold records/);
  });

  it('refuses held-out files out of the root before calling the model', async () => {
    const { root, client } = await setup(fast);
    const outside = fs.realpathSync(makeRoot('datasynth-outside-'));
    const requestsBefore = fast.stats().totalRequests;
    const result = await call(client, 'synthesize_data', {
      analysis_dir: 'belle',
      count: 3,
      output_path: 'out.json',
      holdout_paths: [path.join(outside, 'belle', '09_样例数据', 'samples.json')],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/holdout_paths .* refused/);
    expect(fast.stats().totalRequests).toBe(requestsBefore);
    expect(fs.existsSync(path.join(root, 'out.json'))).toBe(false);
  });

  it('stops on cancellation with the run saved, and resume completes it to the exact count', async () => {
    const { root, client } = await setup(slow);
    const output = path.join(root, 'belle', '11_合成数据', 'synthetic.json');
    const controller = new AbortController();
    const args = { analysis_dir: 'belle', count: 40, batch_size: 2 };
    const cancelled = client.callTool({ name: 'synthesize_data', arguments: args }, undefined, {
      signal: controller.signal,
      onprogress: (progress) => {
        // The whole part of progress is the records accepted (a fraction marks other news).
        if (progress.progress >= 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(/abort/i);

    const resumed = await call(client, 'synthesize_data', { ...args, resume: true });
    expect(resumed.isError, textOf(resumed)).toBeFalsy();
    const run = resumed.structuredContent as unknown as RunResult;
    expect(run.stopped_because).toBe('done');
    expect(run.generated_count).toBe(40);
    expect(run.new_count).toBeGreaterThan(0);
    expect(run.new_count).toBeLessThan(40);
    const samples = samplesOf(output);
    expect(samples).toHaveLength(40);
    expect(new Set(samples.map((sample) => sample.id)).size).toBe(40);
  });
});
