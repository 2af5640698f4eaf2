import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStatus, statusOnDisk } from './job-status.js';
import { readRunOnDisk } from './run-on-disk.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An output whose run state says what `state` says (the fields core writes after every batch). */
function runFiles(state: Record<string, unknown>, lock?: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-status-'));
  dirs.push(dir);
  const output = path.join(dir, 'out.jsonl');
  const paths = journalPaths(output);
  fs.mkdirSync(paths.folder, { recursive: true });
  fs.writeFileSync(
    paths.state,
    JSON.stringify({
      version: 1,
      schemaFingerprint: 'abc',
      model: 'claude-sonnet-4-6',
      provider: 'anthropic',
      targetCount: 40,
      accepted: 12,
      rejected: 2,
      rejectedByReason: { invalid: 2 },
      duplicates: { exact: 1, near: 0 },
      failedRequests: 0,
      requests: 7,
      usage: { inputTokens: 1000, outputTokens: 2000, cacheReadTokens: 500, cacheWriteTokens: 100 },
      cost: 0.0123,
      seedOffset: 0,
      batchSize: 2,
      updatedAt: new Date().toISOString(),
      ...state,
    }),
  );
  if (lock) fs.writeFileSync(paths.lock, JSON.stringify(lock));
  return output;
}

async function statusOf(output: string) {
  const disk = await readRunOnDisk(output);
  if (!disk) throw new Error('no run on disk');
  return statusOnDisk(output, 'out.jsonl', disk);
}

describe('statusOnDisk', () => {
  it('reports a run whose process ended without a stop reason as interrupted and resumable', async () => {
    const status = await statusOf(runFiles({}, { pid: 2 ** 22 + 12345, host: os.hostname() }));
    expect(status).toMatchObject({
      state: 'stopped',
      writer: 'none',
      stopped_because: 'interrupted',
      accepted: 12,
      target: 40,
      cost_usd: 0.0123,
      resumable: true,
      next_step: {
        tool: 'synthesize_data',
        arguments: { output_path: 'out.jsonl', count: 40, resume: true },
      },
    });
    expect(describeStatus(status)).toMatch(
      /^Stopped \(interrupted\) at 12\/40 records, 2 rejected, 1 duplicate, 3,600 tokens, \$0\.0123 so far in .*out\.jsonl\. The server process running it ended/,
    );
  });

  it('names the inputs to resume with when the files tell them', async () => {
    const disk = await readRunOnDisk(runFiles({ stoppedBecause: 'cancelled' }));
    const status = statusOnDisk(
      '/r/belle/11_合成数据/synthetic.json',
      'belle/11_合成数据/synthetic.json',
      disk!,
      {
        analysis_dir: 'belle',
      },
    );
    expect(status.next_step).toEqual({
      tool: 'synthesize_data',
      arguments: {
        analysis_dir: 'belle',
        output_path: 'belle/11_合成数据/synthetic.json',
        count: 40,
        resume: true,
      },
    });
    expect(status.stop_message).toBe(
      "It stopped (cancelled) with 12 records saved. Call synthesize_data with next_step's arguments and resume: true to continue.",
    );
  });

  it('keeps the saved stop reason, and reads a state still saying done below its target as interrupted', async () => {
    expect(await statusOf(runFiles({ stoppedBecause: 'budget' }))).toMatchObject({
      state: 'stopped',
      stopped_because: 'budget',
      resumable: true,
    });
    expect(await statusOf(runFiles({ stoppedBecause: 'done' }))).toMatchObject({
      state: 'stopped',
      stopped_because: 'interrupted',
    });
    expect(await statusOf(runFiles({ stoppedBecause: 'done', accepted: 40 }))).toMatchObject({
      state: 'done',
      resumable: false,
      next_step: { tool: 'synthesis_stats', arguments: { data_path: 'out.jsonl' } },
    });
  });

  it('reports a run another live process holds as running elsewhere, not resumable from here', async () => {
    // This test process is alive: its pid in the lock stands for a CLI run.
    const status = await statusOf(runFiles({}, { pid: process.pid, host: os.hostname(), token: 't' }));
    expect(status).toMatchObject({ state: 'running', writer: 'another process', resumable: false });
    expect(describeStatus(status)).toContain(`Process ${process.pid} is writing`);
  });

  it('finds nothing where no run state is', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-status-'));
    dirs.push(dir);
    expect(await readRunOnDisk(path.join(dir, 'out.jsonl'))).toBeUndefined();
  });
});
