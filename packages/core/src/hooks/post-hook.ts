import { spawn } from 'node:child_process';

/** Values substituted into a post-hook command. Each is shell-quoted. */
export interface PostHookValues {
  analysis_dir: string;
  output_path: string;
  count: number;
}

/** Substitutes `{analysis_dir}`, `{output_path}` and `{count}`, quoting each value for the shell. */
export function renderPostHook(command: string, values: PostHookValues): string {
  return command.replace(/\{(analysis_dir|output_path|count)\}/g, (_, key: keyof PostHookValues) =>
    shellQuote(String(values[key])),
  );
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Runs the hook through the shell; never throws — a failure is reported in the result. */
export function runPostHook(
  command: string,
  values: PostHookValues,
): Promise<{ command: string; exitCode: number | null; ok: boolean; output: string }> {
  const rendered = renderPostHook(command, values);
  return new Promise((resolve) => {
    const child = spawn(rendered, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < 8192) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) =>
      resolve({ command: rendered, exitCode: null, ok: false, output: error.message }),
    );
    child.on('close', (code) =>
      resolve({ command: rendered, exitCode: code, ok: code === 0, output: output.trim() }),
    );
  });
}
