import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type CallToolResult,
  LATEST_PROTOCOL_VERSION,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { makeRoot, SENTINEL_KEY, SERVER_ENTRY } from './harness.js';

let testServer: TestServer;
beforeAll(async () => {
  if (!fs.existsSync(SERVER_ENTRY))
    throw new Error(`Build the server first (pnpm build): ${SERVER_ENTRY} is missing.`);
  testServer = await startTestServer({ seed: 3 });
});
afterAll(async () => {
  await testServer.close();
});

/** A clean environment for the child: no keys from this machine, only what the test gives. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra };
}

function keyEnv(): Record<string, string> {
  return { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: testServer.anthropicBaseURL };
}

describe('the built server binary', () => {
  it('prints its version and help, and refuses bad arguments and a missing root in one stderr line', () => {
    const version = spawnSync(process.execPath, [SERVER_ENTRY, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${packageJson.version}\n`);
    const help = spawnSync(process.execPath, [SERVER_ENTRY, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('--root <dir>');
    const unknown = spawnSync(process.execPath, [SERVER_ENTRY, '--port', '1'], {
      encoding: 'utf8',
      input: '',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^datasynth-mcp: Unknown option '--port'.*\n$/);
    const missing = spawnSync(process.execPath, [SERVER_ENTRY, '--root', '/nonexistent/datasynth'], {
      encoding: 'utf8',
      input: '',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('datasynth-mcp: The root folder /nonexistent/datasynth does not exist.\n');
  });

  it('serves the tools over stdio to the SDK client: prepare, and synthesize with progress', async () => {
    const root = fs.realpathSync(makeRoot());
    const transport = new StdioClientTransport({
      command: process.execPath,
      // Runs answer in one call here; the job flow has its own test (stdio-restart.test.ts).
      args: [SERVER_ENTRY, '--root', root, '--reply-within', '3600'],
      env: childEnv(keyEnv()),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'datasynth-e2e', version: '0.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'datasynth', version: packageJson.version });
      expect(client.getInstructions()).toContain(root);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(9);

      const prepared = (await client.callTool({
        name: 'prepare_synthesis',
        arguments: { analysis_dir: 'belle', count: 4 },
      })) as CallToolResult;
      expect(prepared.isError).toBeFalsy();
      expect((prepared.structuredContent as { prompt: string }).prompt).toContain('4 条');

      const updates: Progress[] = [];
      const run = (await client.callTool(
        {
          name: 'synthesize_data',
          arguments: { analysis_dir: 'belle', count: 6, batch_size: 2, output_path: 'run/out.jsonl' },
        },
        undefined,
        { onprogress: (progress) => updates.push(progress) },
      )) as CallToolResult;
      expect(run.isError, JSON.stringify(run.content)).toBeFalsy();
      expect(run.structuredContent).toMatchObject({ stopped_because: 'done', generated_count: 6 });
      expect(
        fs
          .readFileSync(path.join(root, 'run', 'out.jsonl'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(6);
      expect(updates.at(-1)).toMatchObject({ progress: 6, total: 6 });
      expect(JSON.stringify({ prepared, run, updates })).not.toContain(SENTINEL_KEY);
    } finally {
      await client.close();
    }
    expect(stderr).toContain(`serving ${root} over stdio`);
    expect(stderr).not.toContain(SENTINEL_KEY);
  });

  it('takes its root from DATASYNTH_ROOT and refuses paths outside it', async () => {
    const root = fs.realpathSync(makeRoot());
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [SERVER_ENTRY],
      cwd: path.dirname(root),
      env: childEnv({ DATASYNTH_ROOT: root }),
      stderr: 'ignore',
    });
    const client = new Client({ name: 'datasynth-e2e', version: '0.0.0' });
    await client.connect(transport);
    try {
      const inside = (await client.callTool({
        name: 'estimate_synthesis_cost',
        arguments: { analysis_dir: 'belle' },
      })) as CallToolResult;
      expect(inside.isError).toBeFalsy();
      const escaped = (await client.callTool({
        name: 'estimate_synthesis_cost',
        arguments: { analysis_dir: `../${path.basename(root)}-other` },
      })) as CallToolResult;
      expect(escaped.isError).toBe(true);
      expect(JSON.stringify(escaped.content)).toContain('outside the server root');
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout, and exits when stdin closes', async () => {
    const root = fs.realpathSync(makeRoot());
    // --reply-within 0: the run becomes a job, so the job path's output is checked too.
    const child: ChildProcess = spawn(
      process.execPath,
      [SERVER_ENTRY, '--root', root, '--reply-within', '0'],
      {
        env: childEnv(keyEnv()),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const lines: string[] = [];
    const responses = new Map<number, Record<string, unknown>>();
    const waiters = new Map<number, () => void>();
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      try {
        const message = JSON.parse(line) as { id?: number };
        if (typeof message.id === 'number') {
          responses.set(message.id, message);
          waiters.get(message.id)?.();
        }
      } catch {
        // Asserted below: every line must parse.
      }
    });
    const send = (message: Record<string, unknown>): void => {
      child.stdin?.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    };
    const request = (id: number, method: string, params: Record<string, unknown>): Promise<void> => {
      const answered = new Promise<void>((resolve) => waiters.set(id, resolve));
      send({ id, method, params });
      return answered;
    };

    await request(1, 'initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'raw', version: '0.0.0' },
    });
    send({ method: 'notifications/initialized' });
    await request(2, 'tools/list', {});
    await request(3, 'tools/call', {
      name: 'synthesize_data',
      arguments: { analysis_dir: 'belle', count: 4, batch_size: 2 },
      _meta: { progressToken: 'raw-progress' },
    });
    await request(4, 'tools/call', { name: 'prepare_synthesis', arguments: { analysis_dir: '/etc' } });
    let id = 5;
    for (; ; id++) {
      await request(id, 'tools/call', {
        name: 'synthesis_status',
        arguments: { output_path: 'belle/11_合成数据/synthetic.json', wait_seconds: 2 },
        _meta: { progressToken: `status-${id}` },
      });
      const status = responses.get(id) as { result?: { structuredContent?: { state?: string } } };
      if (status.result?.structuredContent?.state === 'done') break;
    }
    child.stdin?.end();
    expect(await exited).toBe(0);

    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>;
      expect(message.jsonrpc).toBe('2.0');
      expect('id' in message || 'method' in message).toBe(true);
    }
    expect(
      lines.some((line) => line.includes('"notifications/progress"') && line.includes('raw-progress')),
    ).toBe(true);
    expect(responses.get(3)).toMatchObject({ result: { structuredContent: { state: 'running' } } });
    expect(responses.get(id)).toMatchObject({
      result: {
        structuredContent: { state: 'done', result: { stopped_because: 'done', generated_count: 4 } },
      },
    });
    expect(responses.get(4)).toMatchObject({ result: { isError: true } });
    expect(lines.join('\n')).not.toContain(SENTINEL_KEY);
    expect(stderr).not.toContain(SENTINEL_KEY);
  });

  it('answers a tool argument over 10 MiB with an error and keeps serving the calls after it', async () => {
    const root = fs.realpathSync(makeRoot());
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [SERVER_ENTRY, '--root', root],
      env: childEnv(keyEnv()),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'datasynth-oversized', version: '0.0.0' });
    await client.connect(transport);
    try {
      const huge = client.callTool({
        name: 'validate_data',
        arguments: {
          data_path: 'x'.repeat(11 * 1024 * 1024),
          schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
        },
      });
      await expect(huge).rejects.toThrow(/over this server's 10 MiB limit: put large data in a file/);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('validate_data');
      expect(stderr).toMatch(/refused a 11\.0 MiB message \(limit 10 MiB\); still serving/);
    } finally {
      await client.close();
    }
  });
});
