import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobStatusReply, makeRoot, pollStatus, SENTINEL_KEY, SERVER_ENTRY, textOf } from './harness.js';

let fast: TestServer;
beforeAll(async () => {
  if (!fs.existsSync(SERVER_ENTRY))
    throw new Error(`Build the server first (pnpm build): ${SERVER_ENTRY} is missing.`);
  fast = await startTestServer({ seed: 4 });
});
afterAll(async () => {
  await fast.close();
});

/** The built server over stdio, as a host starts it, with the SDK's default client options. */
async function startServer(root: string, llm: TestServer) {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_ENTRY, '--root', root],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ANTHROPIC_API_KEY: SENTINEL_KEY,
      ANTHROPIC_BASE_URL: llm.anthropicBaseURL,
    },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'datasynth-restart', version: '0.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

describe('a server restart in the middle of a job', () => {
  it('reports the run as stopped and resumable, and resume: true finishes it', async () => {
    const root = fs.realpathSync(makeRoot());
    // One request per minute: the first call is answered, the rest wait, so the job is mid-run
    // (records saved, more to come) for as long as the test needs, not for a lucky moment.
    await using limited = await startTestServer({ seed: 9, rpm: 1 });
    const first = await startServer(root, limited);
    // The DataRecipe folder's default output: its files are enough to tell a new server how to resume.
    const args = { analysis_dir: 'belle', count: 12, batch_size: 2, concurrency: 1 };
    const handle = 'belle/11_合成数据/synthetic.json';
    const started = (await first.client.callTool({
      name: 'synthesize_data',
      arguments: args,
    })) as CallToolResult;
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(started.structuredContent).toMatchObject({ state: 'running' });
    const { status: midway } = await pollStatus(first.client, handle, (status) => status.accepted >= 1);
    expect(midway.state).toBe('running');

    // The host goes away hard: no shutdown, no chance to save a stop reason.
    const pid = first.transport.pid;
    expect(pid).toBeTypeOf('number');
    const exited = new Promise<void>((resolve) => (first.transport.onclose = () => resolve()));
    process.kill(pid as number, 'SIGKILL');
    await exited;

    const second = await startServer(root, fast);
    try {
      const reply = (await second.client.callTool({
        name: 'synthesis_status',
        arguments: { output_path: handle },
      })) as CallToolResult;
      expect(reply.isError, textOf(reply)).toBeFalsy();
      const stopped = reply.structuredContent as unknown as JobStatusReply & { writer: string };
      expect(stopped).toMatchObject({
        state: 'stopped',
        writer: 'none',
        stopped_because: 'interrupted',
        resumable: true,
        target: 12,
        next_step: {
          tool: 'synthesize_data',
          // Everything a host needs to continue, though it remembers nothing of the first server.
          arguments: { analysis_dir: 'belle', output_path: handle, count: 12, resume: true },
        },
      });
      expect(stopped.accepted).toBeGreaterThanOrEqual(1);
      expect(textOf(reply)).toMatch(
        /^Stopped \(interrupted\) at \d+\/12 records.*Call synthesize_data with next_step's arguments and resume: true to continue\.$/,
      );

      const resumed = (await second.client.callTool({
        name: 'synthesize_data',
        arguments: stopped.next_step?.arguments ?? {},
      })) as CallToolResult;
      expect(resumed.isError, textOf(resumed)).toBeFalsy();
      const state = (resumed.structuredContent as { state: string }).state;
      const { status: done } =
        state === 'running'
          ? await pollStatus(second.client, handle)
          : {
              status: {
                state,
                accepted: (resumed.structuredContent as { generated_count: number }).generated_count,
              },
            };
      expect(done).toMatchObject({ state: 'done', accepted: 12 });
      const { samples } = JSON.parse(fs.readFileSync(path.join(root, handle), 'utf8')) as {
        samples: { id: string }[];
      };
      expect(new Set(samples.map((sample) => sample.id)).size).toBe(12);
    } finally {
      await second.client.close();
    }
    expect(first.stderr() + second.stderr()).not.toContain(SENTINEL_KEY);
  });
});
