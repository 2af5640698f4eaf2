import fs from 'node:fs';
import type { SynthesisResult } from '@datasynth/core';
import { expect } from 'vitest';
import type { CliRun } from '../test/spawn-cli.js';
import { readWholeJsonLines, tally } from './real-lane.js';
import type { RecordedCall } from './recording-proxy.js';

/** The result `--json` printed, with the exit code the CLI reported in it. */
export type CliResult = SynthesisResult & { exitCode: number };

/**
 * What must hold after a run against any model, good or bad at the task: a run either made
 * exactly the target (exit 0) or stopped cleanly and resumably because the model's answers did not
 * give enough records (exit 1, `max-attempts`, with the resume command); every file it wrote is
 * whole; every reject has a counted reason; nothing was accepted twice.
 */
export function expectCleanOutcome(run: CliRun, options: { target: number }): CliResult {
  expect([0, 1], `exit ${run.code}\n${run.stderr}`).toContain(run.code);
  const result = JSON.parse(run.stdout) as CliResult;
  expect(result.exitCode).toBe(run.code);
  if (run.code === 0) {
    expect(result.stoppedBecause).toBe('done');
    expect(result.generatedCount).toBe(options.target);
  } else {
    // Exit 1 is fine only as the documented give-up: too few usable records, saved and resumable.
    expect(result.stoppedBecause, result.stopMessage).toBe('max-attempts');
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/Resume with: datasynth .*--resume$/);
  }
  const reasons = Object.values(result.rejectedByReason).reduce((sum, count) => sum + count, 0);
  expect(reasons).toBe(result.rejectedCount);
  expect(result.newCount).toBeLessThanOrEqual(result.funnel.parsed);

  // No torn files: every line of the journal and the rejects file parses.
  const journal = readWholeJsonLines(result.journalPath);
  readWholeJsonLines(result.rejectsPath);
  const state = JSON.parse(fs.readFileSync(result.statePath, 'utf8')) as unknown;
  expect(state).toBeTypeOf('object');
  expect(journal).toHaveLength(result.generatedCount);
  const fingerprints = journal.map((entry) => JSON.stringify(entry));
  expect(new Set(fingerprints).size).toBe(fingerprints.length);

  // Progress reached the user while the run went on: plain lines on stderr (not a terminal).
  expect(run.stderr).toMatch(/^\d+\/\d+ · \d+ rejected · \d+ duplicates/m);
  return result;
}

/**
 * Every call went out in `mode` and every answer was a 200: the server took the mode and nothing
 * stepped down to a weaker one. (A call the client abandoned on its timeout has no answer.)
 */
export function expectNegotiated(
  recorded: readonly RecordedCall[],
  expected: { mode: string; withSchema: boolean; refusedFirst?: string },
): void {
  let calls = recorded;
  if (expected.refusedFirst !== undefined) {
    // The adapter tried its best mode once, the server refused it (llama-cpp-python: a 500 naming
    // response_format), and it stepped down for good: one refusal, never retried.
    expect(calls[0]?.responseFormat).toBe(expected.refusedFirst);
    expect(calls[0]?.status).toBeGreaterThanOrEqual(400);
    calls = calls.slice(1);
  }
  expect(calls.length).toBeGreaterThan(0);
  expect(tally(calls.map((call) => call.responseFormat))).toEqual({ [expected.mode]: calls.length });
  expect(calls.filter((call) => call.hasSchema !== expected.withSchema)).toEqual([]);
  expect(calls.filter((call) => call.status !== 200 && call.status !== 0)).toEqual([]);
}
