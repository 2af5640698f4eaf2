import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { countRecords, makeWorkspace, removeWorkspaces } from './workspace.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: 23 });
});
afterAll(async () => {
  await server?.close();
  removeWorkspaces();
});

describe('--max-cost: stop at the cap, resume with one that finishes the run', () => {
  it('spends most of the cap, prints a resume command whose cap finishes the run, and the resumed run reports this run apart from the whole output', async () => {
    const workspace = makeWorkspace();
    const env = { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL };
    const args = [
      'generate',
      workspace.analysisDir,
      '-n',
      '300',
      '--batch-size',
      '10',
      // One call at a time: where a capped run stops depends on the order calls settle.
      '--concurrency',
      '1',
      '--max-cost',
      '0.3',
      '--json',
    ];
    const first = await runCli(args, { cwd: workspace.root, env });
    expect(first.code, first.stderr).toBe(3);
    const stopped = JSON.parse(first.stdout);
    expect(stopped.stoppedBecause).toBe('budget');
    expect(stopped.actualCost / 0.3).toBeGreaterThanOrEqual(0.9);
    expect(stopped.actualCost).toBeLessThanOrEqual(0.3);
    expect(stopped.thisRun).toMatchObject({ records: stopped.generatedCount, cost: stopped.actualCost });
    const cap = stopped.suggestedMaxCost.toFixed(2);
    const line = first.stderr.trim().split('\n').at(-1) ?? '';
    expect(line).toMatch(/^datasynth: Stopped at the \$0\.3000 cap \(--max-cost\) with \d+ of 300 records/);
    expect(line).toContain(`To finish, resume with --max-cost ${cap} (the cap counts the whole run, $`);
    const command = line.slice(line.indexOf(': datasynth ') + ': datasynth '.length);
    expect(command).toBe(
      `generate ${workspace.analysisDir} -n 300 --batch-size 10 --concurrency 1 --json --max-cost ${cap} --resume`,
    );

    const resumed = await runCli(command.split(' '), { cwd: workspace.root, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const done = JSON.parse(resumed.stdout);
    expect(done.stoppedBecause).toBe('done');
    expect(countRecords(workspace.defaultOutput)).toBe(300);
    // This run: the records, tokens and dollars of the resumed session alone (the old fields agree).
    expect(done.thisRun.records).toBe(300 - stopped.generatedCount);
    expect(done.newCount).toBe(done.thisRun.records);
    expect(done.thisRun.cost).toBe(done.actualCost);
    expect(done.thisRun.usage).toEqual(done.usage);
    // The whole output so far: both sessions.
    expect(done.wholeOutput.records).toBe(300);
    expect(done.generatedCount).toBe(300);
    expect(done.wholeOutput.cost).toBeCloseTo(stopped.actualCost + done.actualCost, 5);
    expect(done.wholeOutput.cost).toBeLessThanOrEqual(Number(cap));
    expect(done.wholeOutput.usage.outputTokens).toBe(stopped.usage.outputTokens + done.usage.outputTokens);
  });
});
