import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/spawn-cli.js';
import { BELLE_DIR } from '../test/workspace.js';
import {
  figuresOf,
  makeLaneDir,
  REAL_CALL_TIMEOUT_SECONDS,
  REAL_RUN_TIMEOUT_MS,
  reportFigures,
  tally,
} from './real-lane.js';
import { SELF_INSTRUCT_DIR, useRealLane } from './real-lane-setup.js';
import { expectCleanOutcome, expectNegotiated } from './run-outcome.js';

// Small: CPU generation with a tiny model is slow, and the lane must stay well inside CI's time.
const TARGET = 10;
// BELLE is Chinese: an English-first tiny model spends many tokens per character, so fewer records.
const BELLE_TARGET = 5;

const lane = useRealLane();

/** Flags every run of the lane shares: the real server through the proxy, one call at a time. */
function realRunFlags(dialect: 'openai-compatible' | 'llamacpp', target: number): string[] {
  return [
    '-m',
    `${dialect}:${lane.server.modelId}`,
    '--base-url',
    lane.proxy.baseURL,
    '-n',
    String(target),
    '--batch-size',
    '5',
    // Short prompts: a tiny model on a CPU reads a few hundred tokens a second at best.
    '--seed-sample-count',
    '2',
    '--concurrency',
    '1',
    '--max-retries',
    '1',
    '--timeout',
    String(REAL_CALL_TIMEOUT_SECONDS),
    '--json',
  ];
}

describe('the CLI against a real model on a real OpenAI-compatible server', () => {
  it('create with the Self-Instruct example: N valid unique records or a clean resumable stop, in json_object mode', async () => {
    const dir = makeLaneDir('create');
    const output = path.join(dir, 'self-instruct.jsonl');
    lane.proxy.take();
    const run = await runCli(
      [
        'create',
        path.join(SELF_INSTRUCT_DIR, 'schema.json'),
        path.join(SELF_INSTRUCT_DIR, 'seeds.jsonl'),
        '-o',
        output,
        ...realRunFlags('openai-compatible', TARGET),
      ],
      { cwd: dir, timeoutMs: REAL_RUN_TIMEOUT_MS },
    );
    const calls = lane.proxy.take();
    const result = expectCleanOutcome(run, { target: TARGET });
    // `openai-compatible:` is the generic dialect: it asks for json_schema first, which
    // llama-cpp-python refuses (a 500: its response_format takes only 'text' | 'json_object'); then
    // plain JSON mode for the rest of the run (llama.cpp: a JSON grammar, no schema).
    expectNegotiated(calls, { mode: 'json_object', withSchema: false, refusedFirst: 'json_schema' });
    reportFigures(
      figuresOf(
        'create self-instruct, openai-compatible',
        result,
        tally(calls.map((call) => call.responseFormat)),
      ),
    );
    if (run.code === 0) {
      const validate = await runCli(['validate', output, path.join(SELF_INSTRUCT_DIR, 'schema.json')], {
        cwd: dir,
        timeoutMs: 60_000,
      });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
      const lines = fs.readFileSync(output, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(TARGET);
      expect(new Set(lines).size).toBe(TARGET);
    }
  });

  it('generate with a copy of the BELLE DataRecipe folder through the llamacpp dialect: JSON mode carrying the schema', async () => {
    const dir = makeLaneDir('generate');
    const analysisDir = path.join(dir, 'belle');
    fs.cpSync(BELLE_DIR, analysisDir, { recursive: true });
    lane.proxy.take();
    const run = await runCli(['generate', analysisDir, ...realRunFlags('llamacpp', BELLE_TARGET)], {
      cwd: dir,
      timeoutMs: REAL_RUN_TIMEOUT_MS,
    });
    const calls = lane.proxy.take();
    const result = expectCleanOutcome(run, { target: BELLE_TARGET });
    // The server took the schema (no 4xx, no step down): its grammar keeps answers to the schema.
    expectNegotiated(calls, { mode: 'json_object', withSchema: true });
    reportFigures(
      figuresOf('generate BELLE (zh), llamacpp', result, tally(calls.map((call) => call.responseFormat))),
    );
    if (run.code === 0) {
      expect(result.outputPath).toBe(path.join(analysisDir, '11_合成数据', 'synthetic.json'));
      const envelope = JSON.parse(fs.readFileSync(result.outputPath, 'utf8')) as { samples: unknown[] };
      expect(envelope.samples).toHaveLength(BELLE_TARGET);
      const schema = path.join(analysisDir, '04_复刻指南', 'DATA_SCHEMA.json');
      const validate = await runCli(['validate', result.outputPath, schema], { cwd: dir, timeoutMs: 60_000 });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    }
  });
});
