import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SynthesisResult } from '@datasynth/core';

/** The real server `scripts/test-real/run.sh` started, as it tells the lane. */
export interface RealServer {
  /** The server's own `…/v1`. */
  baseURL: string;
  /** The model alias it serves. */
  modelId: string;
}

/** Per-call timeout for the lane's runs: a tiny model on a busy 2-core machine takes minutes. */
export const REAL_CALL_TIMEOUT_SECONDS = 300;

/** Bound on one CLI run of the lane (a stuck run fails the lane instead of hanging CI). */
export const REAL_RUN_TIMEOUT_MS = 12 * 60_000;

/** Reads the server from the environment; fails (never skips) when the lane was not started by its script. */
export function realServer(): RealServer {
  const baseURL = process.env.DATASYNTH_REAL_BASE_URL;
  const modelId = process.env.DATASYNTH_REAL_MODEL_ID;
  if (!baseURL || !modelId)
    throw new Error('No real server: run this lane with `pnpm test:real`, which starts one.');
  return { baseURL, modelId };
}

const workspaces: string[] = [];

/** A fresh temp folder for one flow of the lane. */
export function makeLaneDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `datasynth-real-${name}-`));
  workspaces.push(dir);
  return dir;
}

/** Deletes the lane's temp folders (call from `afterAll`). */
export function removeLaneDirs(): void {
  for (const dir of workspaces.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The figures a person wants from a run against a real model. */
export interface LaneFigures {
  flow: string;
  model: string;
  /** Structured-output modes seen on the wire, with their call counts. */
  outputModes: Record<string, number>;
  calls: number;
  /** Records the model produced that parsed as records. */
  generated: number;
  accepted: number;
  /** accepted ÷ generated (undefined when nothing was generated). */
  yield: number | undefined;
  rejectedByReason: Record<string, number>;
  /** near duplicates ÷ generated. */
  nearDuplicateShare: number | undefined;
  exactDuplicates: number;
  secondsPerRecord: number | undefined;
  stoppedBecause: string;
}

/** Figures of a run from its result and the calls the proxy saw. */
export function figuresOf(
  flow: string,
  result: SynthesisResult,
  outputModes: Record<string, number>,
): LaneFigures {
  const generated = result.funnel.parsed;
  return {
    flow,
    model: result.model,
    outputModes,
    calls: result.requests,
    generated,
    accepted: result.newCount,
    yield: generated > 0 ? result.newCount / generated : undefined,
    rejectedByReason: result.rejectedByReason,
    nearDuplicateShare: generated > 0 ? result.duplicates.near / generated : undefined,
    exactDuplicates: result.duplicates.exact,
    secondsPerRecord: result.newCount > 0 ? result.durationMs / 1000 / result.newCount : undefined,
    stoppedBecause: result.stoppedBecause,
  };
}

/** Prints one flow's figures and appends them to the lane's figures file (when the script set one). */
export function reportFigures(figures: LaneFigures): void {
  const percent = (share: number | undefined) =>
    share === undefined ? 'n/a' : `${(share * 100).toFixed(0)}%`;
  const reasons = Object.entries(figures.rejectedByReason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const modes = Object.entries(figures.outputModes)
    .map(([mode, count]) => `${mode}×${count}`)
    .join(', ');
  console.log(
    [
      `[real] ${figures.flow} (${figures.model}): ${figures.accepted} accepted of ${figures.generated} generated`,
      `yield ${percent(figures.yield)}`,
      `rejects ${reasons || 'none'}`,
      `near-duplicates ${percent(figures.nearDuplicateShare)}`,
      `${figures.secondsPerRecord === undefined ? 'n/a' : figures.secondsPerRecord.toFixed(1)} s/record`,
      `${figures.calls} calls (${modes || 'none recorded'})`,
      `stopped: ${figures.stoppedBecause}`,
    ].join(' · '),
  );
  const file = process.env.DATASYNTH_REAL_FIGURES;
  if (file) fs.appendFileSync(file, `${JSON.stringify(figures)}\n`);
}

/** Counts of each value. */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Every line of a JSONL file parses (no torn line); returns the parsed lines. */
export function readWholeJsonLines(file: string): unknown[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  if (text !== '' && !text.endsWith('\n')) throw new Error(`${file} ends in a torn line`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`${file}: line ${index + 1} does not parse: ${line.slice(0, 120)}`);
      }
    });
}
