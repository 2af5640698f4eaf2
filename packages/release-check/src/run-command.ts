import { spawn } from 'node:child_process';

/** What one finished command did. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  cwd: string;
  /** The whole environment of the child (nothing is inherited implicitly). */
  env: Record<string, string | undefined>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** The child is killed (and the promise rejects) after this long. */
  timeoutMs?: number;
}

/** Runs a program without a shell and collects its exit code and output. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`\`${command} ${args.join(' ')}\` did not finish within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A child that exits without reading stdin closes the pipe: EPIPE on this write is no failure.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Throws with the command's output when it did not exit 0; returns stdout otherwise. */
export function expectSuccess(result: CommandResult, what: string): string {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code}.\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return result.stdout;
}
