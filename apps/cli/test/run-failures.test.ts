import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { journalPaths } from '@datasynth/core';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { hashTree, makeWorkspace, removeWorkspaces } from './workspace.js';

// Every call takes seconds, so a test can act between the run's start and its first journal write.
let slow: TestServer;

beforeAll(async () => {
  slow = await startTestServer({ seed: 5, latencyMs: 4_000 });
});

afterAll(async () => {
  await slow?.close();
  removeWorkspaces();
});

function env(server: TestServer): Record<string, string> {
  return { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL };
}

/** Calls `act` once the child's stderr says the run has started. */
function onRunStart(act: (child: ChildProcess) => void): (child: ChildProcess) => void {
  return (child) => {
    let stderr = '';
    const listener = (chunk: Buffer | string) => {
      stderr += chunk.toString();
      if (!stderr.includes('Generating ')) return;
      child.stderr?.off('data', listener);
      act(child);
    };
    child.stderr?.on('data', listener);
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests probe arbitrary JSON the CLI wrote; assertions check the shape.
function parseJson(text: string): any {
  return JSON.parse(text);
}

describe.concurrent('exit codes and messages of runs that cannot go on', () => {
  it('an output another process is writing: exit 2, one clear line, nothing touched', async () => {
    const server = await startTestServer({ seed: 5 });
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'out.jsonl');
    // This test process is alive: its pid in the lock makes the output busy for the CLI.
    const lock = {
      pid: process.pid,
      host: os.hostname(),
      token: 'held-by-test',
      startedAt: new Date().toISOString(),
    };
    const lockFile = journalPaths(output).lock;
    fs.mkdirSync(path.dirname(lockFile), { recursive: true });
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    const before = hashTree(workspace.root);
    for (const flags of [['--resume'], ['--overwrite'], []]) {
      const run = await runCli(
        ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '5', ...flags],
        {
          cwd: workspace.root,
          env: env(server),
        },
      );
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toBe(
        `datasynth: Output ${output} is being written by process ${process.pid}. Wait for it to finish or stop it (if no such process runs, delete ${lockFile}).\n`,
      );
    }
    const json = await runCli(
      ['create', workspace.schema, workspace.seeds, '-o', output, '--resume', '--json'],
      {
        cwd: workspace.root,
        env: env(server),
      },
    );
    expect(json.code).toBe(2);
    expect(parseJson(json.stdout)).toMatchObject({ error: { code: 'locked' }, exitCode: 2 });
    expect(hashTree(workspace.root)).toEqual(before);
    expect(server.stats().totalRequests).toBe(0);
    await server.close();
  });

  it('a journal write failing after the run started: exit 1 with the resume command, not 2', async () => {
    const workspace = makeWorkspace();
    const output = path.join(workspace.root, 'out.jsonl');
    const journal = journalPaths(output).journal;
    const run = await runCli(
      ['create', workspace.schema, workspace.seeds, '-o', output, '-n', '5', '--json'],
      {
        cwd: workspace.root,
        env: env(slow),
        timeoutMs: 150_000,
        // The journal is opened lazily on its first append: a folder in its place makes that fail.
        onSpawn: onRunStart(() => {
          fs.rmSync(journal);
          fs.mkdirSync(journal);
        }),
      },
    );
    expect(run.code, run.stderr).toBe(1);
    const lastLine = run.stderr.trim().split('\n').at(-1);
    expect(lastLine).toMatch(/^datasynth: Could not write the journal: .*EISDIR.*Resume with: .*--resume/);
    expect(parseJson(run.stdout)).toMatchObject({ error: { code: 'io' }, exitCode: 1 });
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
  });

  it('--timeout reaches every call and overrides the config file: a slower server fails each call as a timeout', async () => {
    const workspace = makeWorkspace();
    // The config file allows ten minutes; the flag, typed on the command line, wins.
    fs.writeFileSync(
      path.join(workspace.root, 'patient.config.json'),
      JSON.stringify({ requestTimeoutMs: 600_000 }),
    );
    const run = await runCli(
      [
        'create',
        workspace.schema,
        workspace.seeds,
        '-o',
        path.join(workspace.root, 'out.jsonl'),
        '-n',
        '3',
        '--max-retries',
        '0',
        '--timeout',
        '0.5',
        '--config',
        'patient.config.json',
        '--json',
      ],
      { cwd: workspace.root, env: env(slow), timeoutMs: 60_000 },
    );
    // Three calls in a row without an answer: the breaker ends the run as unreachable (exit 5).
    expect(run.code, run.stderr).toBe(5);
    const result = parseJson(run.stdout);
    expect(result.newCount).toBe(0);
    expect(result.stoppedBecause).toBe('unreachable');
    expect(result.stopMessage).toContain('3 calls in a row got no answer');
    expect(result.stopMessage).toContain('within 500 ms');
    expect(result.requests).toBe(3);
    expect(result.failedRequests).toBe(2);
    expect(result.warnings).toContain(
      'A call failed after 0 retries: Anthropic did not answer after 500ms. Retry, or raise timeoutMs if answers are long.',
    );
  });

  it('a crash outside the command under --json: the error still comes as one JSON document', async () => {
    const workspace = makeWorkspace();
    // Stands in for a library callback that throws outside any promise chain the CLI awaits.
    const preload = path.join(workspace.root, 'throw-on-usr2.mjs');
    fs.writeFileSync(
      preload,
      "process.on('SIGUSR2', () => setTimeout(() => { throw new Error('boom from a callback'); }, 0));\n",
    );
    const run = await runCli(
      [
        'create',
        workspace.schema,
        workspace.seeds,
        '-o',
        path.join(workspace.root, 'out.jsonl'),
        '-n',
        '5',
        '--json',
      ],
      {
        cwd: workspace.root,
        env: { ...env(slow), NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` },
        timeoutMs: 150_000,
        onSpawn: onRunStart((child) => child.kill('SIGUSR2')),
      },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^datasynth: .*boom from a callback/);
    expect(parseJson(run.stdout)).toEqual({
      error: { code: 'unexpected', message: expect.stringContaining('boom from a callback') },
      exitCode: 1,
    });
  });
});
