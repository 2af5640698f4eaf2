import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { onTestFinished } from 'vitest';
import { createServer, type ServerDependencies } from '../src/create-server.js';

/** The in-repo copy of the BELLE DataRecipe folder (works in any clone). */
export const BELLE_DIR = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');

/** The built server entry, for tests that spawn it. */
export const SERVER_ENTRY = path.resolve(import.meta.dirname, '../dist/index.js');

/** An API key that must never appear in any response. */
export const SENTINEL_KEY = 'sk-ant-SENTINEL-7f3a9c21e5b84d06';

/**
 * A fresh temp folder to serve as the server root, with a copy of the BELLE folder in `belle/`.
 * Removed when the current test finishes.
 */
export function makeRoot(prefix = 'datasynth-mcp-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(BELLE_DIR, path.join(root, 'belle'), { recursive: true });
  onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

/**
 * Long enough that a test's run always answers in one call, however busy the machine: tests of
 * jobs set `replyWithinMs` themselves.
 */
const INLINE_REPLY_WITHIN_MS = 60 * 60_000;

/**
 * A client connected in-process to a fresh server over a linked in-memory transport. `close` also
 * shuts the server down, so jobs still running stop (resumably).
 */
export async function connect(
  deps: ServerDependencies,
  clientOptions: ConstructorParameters<typeof Client>[1] = {},
): Promise<{ client: Client; close: () => Promise<void> }> {
  const shutdown = new AbortController();
  const server = createServer({ replyWithinMs: INLINE_REPLY_WITHIN_MS, signal: shutdown.signal, ...deps });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'datasynth-test', version: '0.0.0' }, clientOptions);
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    close: async () => {
      shutdown.abort();
      await client.close();
      await server.close();
    },
  };
}

/** A client as {@link connect} makes it, closed (server and all) when the current test finishes. */
export async function connectForTest(deps: ServerDependencies): Promise<Client> {
  const { client, close } = await connect(deps);
  onTestFinished(close);
  return client;
}

/** Calls a tool and returns its result, typed. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

/** Every file under `dir` with its content, for "nothing changed" checks. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
      else files[path.relative(dir, full)] = `-> ${fs.readlinkSync(full)}`;
    }
  };
  walk(dir);
  return files;
}

/** Removes API keys and base URLs from this process's environment, so core cannot fall back to them. */
export function scrubProviderEnv(): void {
  for (const name of [
    'ANTHROPIC_API_KEY',
    'OPENAI_API_KEY',
    'ANTHROPIC_BASE_URL',
    'OPENAI_BASE_URL',
    'DATASYNTH_ROOT',
  ]) {
    delete process.env[name];
  }
}

/** What `synthesis_status` answers, as far as tests read it. */
export interface JobStatusReply {
  state: 'starting' | 'running' | 'stopping' | 'done' | 'stopped';
  accepted: number;
  target: number;
  stopped_because?: string;
  resumable: boolean;
  next_step?: { tool: string; arguments: Record<string, unknown> };
  result?: Record<string, unknown>;
}

/**
 * Polls `synthesis_status` (each call waiting up to `waitSeconds` for the job to end, well within
 * the client's request timeout) until `until` holds for the status. Bounded by the test's timeout.
 */
export async function pollStatus(
  client: Client,
  outputPath: string,
  until: (status: JobStatusReply) => boolean = (status) =>
    status.state === 'done' || status.state === 'stopped',
  options: { waitSeconds?: number; timeout?: number } = {},
): Promise<{ status: JobStatusReply; result: CallToolResult; polls: number }> {
  for (let polls = 1; ; polls++) {
    const result = (await client.callTool(
      {
        name: 'synthesis_status',
        arguments: { output_path: outputPath, wait_seconds: options.waitSeconds ?? 1 },
      },
      undefined,
      options.timeout === undefined ? undefined : { timeout: options.timeout },
    )) as CallToolResult;
    if (result.isError) throw new Error(`synthesis_status failed: ${textOf(result)}`);
    const status = result.structuredContent as unknown as JobStatusReply;
    if (until(status)) return { status, result, polls };
  }
}
