import fs from 'node:fs';
import path from 'node:path';
import type { PacingLimits } from '@datasynth/core';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { makeWorkspace, removeWorkspaces } from './workspace.js';

/**
 * Whether `--rpm` / `--tpm` and `"rpm"` / `"tpm"` in a config file reach the pacing, read from what
 * the run reports it paces at (`pacing` in the `--json` result, "paced at" on the progress line) —
 * not from how fast calls went, which a loaded machine changes. How the pacer spaces calls for a
 * given limit is proven against an injected clock in core (rate-pacer.test.ts, governor.test.ts).
 */
let plain: TestServer;
/** Sends rate-limit headers: 6,000 requests a minute, a full minute of burst (nothing waits). */
let withHeaders: TestServer;

beforeAll(async () => {
  [plain, withHeaders] = await Promise.all([
    startTestServer({ seed: 7 }),
    startTestServer({ seed: 7, tokenBucket: { requestsPerMinute: 6_000, burstSeconds: 60 } }),
  ]);
});

afterAll(async () => {
  await Promise.all([plain?.close(), withHeaders?.close()]);
  removeWorkspaces();
});

async function generate(
  server: TestServer,
  extra: string[],
  options: { config?: Record<string, unknown>; json?: boolean } = {},
) {
  const workspace = makeWorkspace();
  const args = [
    'create',
    workspace.schema,
    workspace.seeds,
    '-o',
    'out.jsonl',
    '-n',
    '4',
    '--batch-size',
    '2',
  ];
  if (options.config !== undefined) {
    fs.writeFileSync(path.join(workspace.root, 'datasynth.config.json'), JSON.stringify(options.config));
    args.push('--config', 'datasynth.config.json');
  }
  const json = options.json ?? true;
  const run = await runCli([...args, ...(json ? ['--json'] : []), ...extra], {
    cwd: workspace.root,
    env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
  });
  expect(run.code, run.stderr).toBe(0);
  const pacing = json ? (JSON.parse(run.stdout) as { pacing?: PacingLimits }).pacing : undefined;
  return { pacing, stderr: run.stderr };
}

describe('rpm and tpm set by hand reach the pacing', () => {
  it('--rpm 60, "rpm": 60 in a config file and --tpm pace at that limit; without them a server sending no headers leaves none', async () => {
    const [flag, config, tpm, tpmLine, none] = await Promise.all([
      generate(plain, ['--rpm', '60']),
      generate(plain, [], { config: { rpm: 60 } }),
      generate(plain, ['--tpm', '30000']),
      generate(plain, ['--tpm', '30000'], { json: false }),
      generate(plain, []),
    ]);
    expect(flag.pacing).toEqual({ requests: { perMinute: 60, source: 'setting' } });
    expect(config.pacing).toEqual({ requests: { perMinute: 60, source: 'setting' } });
    expect(tpm.pacing).toEqual({ tokens: { perMinute: 30_000, source: 'setting' } });
    expect(tpmLine.stderr).toContain('paced at 30.0k tpm (--tpm)');
    expect(none.pacing).toBeUndefined();
  });

  it("paces at the server's limit from its headers, and at --rpm when that is lower", async () => {
    const [headers, lowered] = await Promise.all([
      generate(withHeaders, []),
      generate(withHeaders, ['--rpm', '60']),
    ]);
    expect(headers.pacing).toEqual({ requests: { perMinute: 6_000, source: 'headers' } });
    expect(lowered.pacing).toEqual({ requests: { perMinute: 60, source: 'setting' } });
  });
});
