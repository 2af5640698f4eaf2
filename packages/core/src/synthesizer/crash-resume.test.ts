import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer } from '@datasynth/testkit';
import { describe, expect, it } from 'vitest';
import { copyBelleFolder } from '../../test/helpers.js';
import { journalPaths } from '../journal/journal-paths.js';
import { readProvenanceSidecar } from '../provenance/provenance-sidecar.js';

const CHILD = path.resolve(import.meta.dirname, '../../test/fixtures/run-synthesis.mjs');
const TARGET = 150;
const KILLS = 12;

function startChild(
  dir: string,
  output: string,
  baseURL: string,
  resume: boolean,
  runSeed: number,
): ChildProcess {
  return spawn(process.execPath, [CHILD, dir, output, String(TARGET), resume ? 'resume' : 'new'], {
    env: {
      ...process.env,
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: baseURL,
      RUN_SEED: String(runSeed),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every complete journal line as [id, serialised data]; asserts there is no torn line in the middle. */
function journalRecords(journal: string): Map<string, string> {
  const records = new Map<string, string>();
  if (!fs.existsSync(journal)) return records;
  const lines = fs.readFileSync(journal, 'utf8').split('\n');
  const last = lines.pop();
  for (const line of lines) {
    const entry = JSON.parse(line) as { id: string; data: unknown };
    records.set(entry.id, JSON.stringify(entry.data));
  }
  // a torn tail is allowed right after a kill (resume drops it); it is never followed by more lines
  expect(typeof last).toBe('string');
  return records;
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments and ends with exactly the target`, {
    timeout: 120_000,
  }, async () => {
    await using llm = await startTestServer({ latencyMs: 15, jitterMs: 25, seed: 3 });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const journal = journalPaths(output).journal;
    const seen = new Map<string, string>();
    let kills = 0;
    for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
      const child = startChild(dir, output, llm.anthropicBaseURL, round > 0, round + 1);
      const done = exited(child);
      const delay = 150 + Math.floor(Math.random() * 450);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const { code } = await done;
      clearTimeout(timer);
      if (code === null) kills += 1;
      else expect(code).toBe(0);
      for (const [id, data] of journalRecords(journal)) {
        const before = seen.get(id);
        if (before !== undefined) expect(data).toBe(before);
        seen.set(id, data);
      }
      if (code === 0) break;
    }
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 10));

    const final = await exited(startChild(dir, output, llm.anthropicBaseURL, true, 99));
    expect(final.code, final.stderr).toBe(0);
    expect(JSON.parse(final.stdout.trim())).toMatchObject({ generated: TARGET, stopped: 'done' });

    const text = fs.readFileSync(journal, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const entries = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; data: unknown });
    expect(entries).toHaveLength(TARGET);
    expect(new Set(entries.map((e) => e.id)).size).toBe(TARGET);
    expect(new Set(entries.map((e) => JSON.stringify(e.data))).size).toBe(TARGET);
    const byId = new Map(entries.map((e) => [e.id, JSON.stringify(e.data)]));
    for (const [id, data] of seen) expect(byId.get(id)).toBe(data);
    const outputLines = fs.readFileSync(output, 'utf8').trimEnd().split('\n');
    expect(outputLines).toHaveLength(TARGET);
    // The provenance sidecar comes from the same journal: one line per output record, in order.
    const provenance = (await readProvenanceSidecar(output)) ?? [];
    expect(provenance.map((line) => line.id)).toEqual(entries.map((entry) => entry.id));
    expect(new Set(provenance.map((line) => line.callId)).size).toBeGreaterThan(1);
  });
});
