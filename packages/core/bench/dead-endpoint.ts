/**
 * (g) A base URL where nothing listens (a loopback port bound, then closed): how long a 200-record
 * run with the default retries and backoff takes to stop, against a budget of 10 s (issue #20).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deadPort } from '@datasynth/testkit';
import { DataSynthesizer } from '../src/index.js';

const BELLE = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');
const BUDGET_MS = 10_000;

export interface DeadEndpointRow {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
  detail: string;
}

export async function deadEndpointBench(): Promise<DeadEndpointRow> {
  const baseURL = `http://127.0.0.1:${await deadPort()}`;
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-bench-')), 'out.jsonl');
  const started = performance.now();
  // Default retries, backoff, timeout and concurrency: what a user gets.
  const result = await new DataSynthesizer(
    { model: 'claude-sonnet-4-6', baseURL, targetCount: 200 },
    { apiKey: 'sk-ant-bench' },
  ).synthesizeFromDataRecipe(BELLE, { output });
  const elapsedMs = performance.now() - started;
  const leftBehind = fs.existsSync(output) || fs.existsSync(path.join(path.dirname(output), '.datasynth'));
  return {
    name: '(h) a dead endpoint ends the run',
    figure: `${(elapsedMs / 1000).toFixed(2)} s (${(elapsedMs / BUDGET_MS).toFixed(3)} of the 10 s budget)`,
    target: '≤ 10 s, stopped as unreachable, nothing left behind',
    pass: elapsedMs <= BUDGET_MS && result.stoppedBecause === 'unreachable' && !leftBehind,
    detail: `${result.requests} requests, stopped: ${result.stoppedBecause}, ${result.warnings.length} warnings`,
  };
}
