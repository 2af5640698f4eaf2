import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '@datasynth/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function runExample(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['examples/other-tool.mjs'],
      { cwd: packageRoot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 100_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('examples/other-tool.mjs (the README example)', () => {
  it('labels a review through both providers using only @datasynth/providers and the environment', async () => {
    const server = await startTestServer({ seed: 21 });
    onTestFinished(() => server.close());
    const { code, stdout, stderr } = await runExample({
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: server.anthropicBaseURL,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: server.openaiBaseURL,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { provider: string; outputMode: string; label: { sentiment: string } },
      );
    expect(lines.map((line) => [line.provider, line.outputMode])).toEqual([
      ['anthropic', 'tool'],
      ['openai', 'json_schema'],
    ]);
    for (const line of lines) expect(['positive', 'neutral', 'negative']).toContain(line.label.sentiment);
  });

  it('exits 1 with an actionable auth message, and no key in it, when the key is rejected', async () => {
    const server = await startTestServer();
    onTestFinished(() => server.close());
    const { code, stdout, stderr } = await runExample({
      ANTHROPIC_API_KEY: 'invalid-key',
      ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      'auth: Anthropic rejected the API key (401): invalid x-api-key. Check ANTHROPIC_API_KEY (or the apiKey setting).',
    );
  });
});
