// `pnpm demo [flags]`: generates 20 records from the bundled BELLE example into demo-output/, or,
// with no LLM to call, says how to get one and exits 0 (the demo has explained itself; that is no failure).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const flags = process.argv.slice(2);
const env = process.env;
const hasKey = Boolean(env.ANTHROPIC_API_KEY || env.OPENAI_API_KEY);
const hasServer = flags.includes('--base-url') || Boolean(env.OPENAI_BASE_URL);

if (!hasKey && !hasServer) {
  process.stdout.write(
    `${[
      'The demo needs an LLM to call. Any one of these:',
      '  export ANTHROPIC_API_KEY=sk-ant-...   (or OPENAI_API_KEY=sk-...), then: pnpm demo',
      '  a local OpenAI-compatible server:      pnpm demo --base-url http://127.0.0.1:11434/v1 -m ollama:llama3.1',
      '  no key at all (interactive mode):      pnpm datasynth prepare examples/datarecipe-belle-zh -n 10 -o demo-output/prompt.md',
    ].join('\n')}\n`,
  );
  process.exit(0);
}

const cli = path.join(root, 'apps/cli/dist/bin.js');
const args = [
  'generate',
  'examples/datarecipe-belle-zh',
  '-n',
  '20',
  '-o',
  'demo-output/belle-synthetic.json',
];
const result = spawnSync(process.execPath, [cli, ...args, '--overwrite', ...flags], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
