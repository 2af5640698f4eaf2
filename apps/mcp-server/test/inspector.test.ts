import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeRoot, SERVER_ENTRY } from './harness.js';

const run = promisify(execFile);

/** The MCP Inspector CLI, an independent client, installed as an exact devDependency (no network at test time). */
const INSPECTOR = path.resolve(
  import.meta.dirname,
  '../node_modules/@modelcontextprotocol/inspector/cli/build/cli.js',
);

/** Runs `mcp-inspector --cli node dist/index.js <args>` with the server serving `root` (its working directory). */
async function inspect(root: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    [INSPECTOR, '--cli', process.execPath, SERVER_ENTRY, ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 100_000,
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('MCP Inspector CLI against the built server', () => {
  it('lists the tools, and calls prepare_synthesis and estimate_synthesis_cost on the BELLE folder', async () => {
    expect(fs.existsSync(SERVER_ENTRY), 'build the server first').toBe(true);
    const root = fs.realpathSync(makeRoot());
    const [listed, prepared, estimated] = await Promise.all([
      inspect(root, ['--method', 'tools/list']),
      inspect(root, [
        '--method',
        'tools/call',
        '--tool-name',
        'prepare_synthesis',
        '--tool-arg',
        'analysis_dir=belle',
        '--tool-arg',
        'count=5',
      ]),
      inspect(root, [
        '--method',
        'tools/call',
        '--tool-name',
        'estimate_synthesis_cost',
        '--tool-arg',
        'analysis_dir=belle',
        '--tool-arg',
        'count=50',
      ]),
    ]);
    const tools = listed.tools as { name: string; annotations?: { readOnlyHint?: boolean } }[];
    expect(tools.map((tool) => tool.name)).toContain('synthesize_data');
    expect(tools).toHaveLength(9);

    expect(prepared.isError).toBeFalsy();
    expect(prepared.structuredContent).toMatchObject({ count: 5, language: 'zh', seed_count: 50 });

    expect(estimated.isError).toBeFalsy();
    expect(estimated.structuredContent).toMatchObject({ basis: 'prompt', target_count: 50, priced: true });
    expect(
      (estimated.structuredContent as { estimated_cost_usd: number }).estimated_cost_usd,
    ).toBeGreaterThan(0);
  });
});
