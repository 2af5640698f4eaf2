import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { countRecords, makeWorkspace, removeWorkspaces } from './workspace.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 12, batch: { processingMs: 40 } });
});

afterAll(async () => {
  await server?.close();
  removeWorkspaces();
});

describe.concurrent('--batch-api', () => {
  it('runs through the provider batch API, says which batch it waits on, and costs the batch price', async () => {
    const workspace = makeWorkspace();
    const run = await runCli(
      [
        'generate',
        workspace.analysisDir,
        '-n',
        '12',
        '--batch-size',
        '4',
        '--batch-api',
        '--batch-poll-interval',
        '0.02',
        '--json',
      ],
      {
        cwd: workspace.root,
        env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(countRecords(workspace.defaultOutput)).toBe(12);
    expect(run.stderr).toMatch(/Submitted batch msgbatch_\S+ \(3 requests\)\. .*--resume re-attaches/);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ stoppedBecause: 'done', generatedCount: 12, requests: 3 });
    expect(server.stats().requests['POST /v1/messages/batches']).toBeGreaterThanOrEqual(1);
  });

  it('--dry-run and estimate choose the batch-API price', async () => {
    const workspace = makeWorkspace();
    const [dryRun, estimate] = await Promise.all([
      runCli(['generate', workspace.analysisDir, '-n', '200', '--batch-api', '--dry-run', '--json'], {
        cwd: workspace.root,
        env: {},
      }),
      runCli(['estimate', workspace.analysisDir, '-n', '200', '--batch-api', '--json'], {
        cwd: workspace.root,
      }),
    ]);
    for (const run of [dryRun, estimate]) {
      expect(run.code, run.stderr).toBe(0);
      const figures = JSON.parse(run.stdout);
      expect(figures.estimatedCost).toBe(figures.variants.batchApiWithCaching);
      expect(figures.estimatedCost).toBeCloseTo(figures.variants.withCaching / 2, 9);
    }
  });
});
