import fs from 'node:fs';
import path from 'node:path';
import { journalPaths } from '@datasynth/core';
import { deadPort } from '@datasynth/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { makeWorkspace, removeWorkspaces } from './workspace.js';

afterAll(() => removeWorkspaces());

describe('a base URL where nothing listens', () => {
  it('exits 5 with one line naming the base URL and what to check, leaving nothing that blocks a re-run', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'out.jsonl');
    const baseURL = `http://127.0.0.1:${await deadPort()}`;
    const args = [
      'create',
      workspace.schema,
      workspace.seeds,
      '-o',
      output,
      '-n',
      '200',
      '--base-url',
      baseURL,
    ];
    const env = { ANTHROPIC_API_KEY: SENTINEL_KEY };
    const run = await runCli(args, { cwd: workspace.root, env });
    expect(run.code, run.stderr).toBe(5);
    const lines = run.stderr.trim().split('\n');
    const last = lines.at(-1) ?? '';
    expect(last).toMatch(
      /^datasynth: Stopped: could not reach the model server at http:\/\/127\.0\.0\.1:\d+ /,
    );
    expect(last).toContain('baseURL (--base-url)');
    expect(last).not.toMatch(/reject|--resume/i);
    expect(run.stderr).not.toMatch(/warning: A call failed/);
    expect(run.stderr).not.toContain(SENTINEL_KEY);
    const paths = journalPaths(output);
    for (const file of [output, paths.journal, paths.state, paths.rejects, paths.lock]) {
      expect(fs.existsSync(file), file).toBe(false);
    }
    // The same command again is not refused as an existing output (exit 2): it tries the server again.
    const again = await runCli(args, { cwd: workspace.root, env });
    expect(again.code, again.stderr).toBe(5);
  });
});
