import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { makeWorkspace, removeWorkspaces } from './workspace.js';

afterAll(() => removeWorkspaces());

/**
 * The server is the referee: a token bucket holding one request, refilled one per 0.5 s (120 a
 * minute), that sends no rate-limit headers. A client pacing itself to 60 a minute (one call per
 * 1.01 s) never finds it empty, whatever the machine's load (slowness only widens the gaps, and
 * half a second absorbs one request arriving later than the next); a client that does not pace
 * sends its first calls together and hears 429s.
 */
function referee(): Promise<TestServer> {
  return startTestServer({
    seed: 7,
    tokenBucket: { requestsPerMinute: 120, burstSeconds: 0.5, limitHeaders: false },
  });
}

async function generate(server: TestServer, extra: string[], configRpm?: number) {
  const workspace = makeWorkspace();
  const args = [
    'create',
    workspace.schema,
    workspace.seeds,
    '-o',
    'out.jsonl',
    '-n',
    '6',
    '--batch-size',
    '2',
  ];
  if (configRpm !== undefined) {
    fs.writeFileSync(path.join(workspace.root, 'datasynth.config.json'), JSON.stringify({ rpm: configRpm }));
    args.push('--config', 'datasynth.config.json');
  }
  const run = await runCli([...args, '--concurrency', '4', '--json', ...extra], {
    cwd: workspace.root,
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
  });
  expect(run.code, run.stderr).toBe(0);
  return server.stats();
}

describe('rpm set by hand reaches the pacing', () => {
  it('--rpm 60 and "rpm": 60 in a config file space the calls out; without them the same server answers 429s', async () => {
    const servers = await Promise.all([referee(), referee(), referee()]);
    try {
      const [flag, config, unpaced] = await Promise.all([
        generate(servers[0]!, ['--rpm', '60']),
        generate(servers[1]!, [], 60),
        generate(servers[2]!, []),
      ]);
      for (const stats of [flag, config]) {
        expect(stats.totalRequests).toBeGreaterThanOrEqual(3);
        expect(stats.rateLimited).toBe(0);
      }
      expect(unpaced.rateLimited).toBeGreaterThan(0);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
