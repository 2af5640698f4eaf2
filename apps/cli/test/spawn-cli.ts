import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built binary the tests exercise (`pnpm build` first; turbo's test task depends on build). */
export const BIN = path.resolve(import.meta.dirname, '../dist/bin.js');

/** A key that must never show up in any output: stdout, stderr or a written file. */
export const SENTINEL_KEY = `sk-ant-SENTINEL-${process.pid}-do-not-print`;
/** The OpenAI counterpart of {@link SENTINEL_KEY}. */
export const OPENAI_SENTINEL_KEY = `sk-proj-SENTINEL-${process.pid}-do-not-print`;

/** What one run of the binary did. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  cwd: string;
  /** Added to a minimal environment (no keys from the parent process ever leak in). */
  env?: Record<string, string | undefined>;
  stdin?: string;
  timeoutMs?: number;
  /** Called once the child has started, e.g. to send it signals. */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/** A minimal, key-free environment for the child. */
export function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
  };
}

/** Runs `node dist/bin.js …args` and collects its exit code and output. */
export function runCli(args: readonly string[], options: RunCliOptions): Promise<CliRun> {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm build\` in apps/cli first.`);
  const env: Record<string, string> = baseEnv();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`datasynth ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 150_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    // A child that exits without reading stdin closes the pipe: EPIPE on this write is no failure.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    options.onSpawn?.(child);
  });
}
