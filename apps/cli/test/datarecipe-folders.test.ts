import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';

// Every shared analysis folder (shared/datasets, beside the repository in CI at ../shared) through
// generate, estimate, prepare, validate and stats, as a new user would run them.

const SHARED = [
  path.resolve(import.meta.dirname, '../../../../shared/datasets'),
  '/work/shared/datasets',
].find((candidate) => fs.existsSync(candidate));

function shared(name: string): string {
  if (SHARED === undefined) throw new Error('shared/datasets is missing: put shared/ beside the repository');
  return path.join(SHARED, name);
}

let server: TestServer;
const roots: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ seed: 21 });
});
afterAll(async () => {
  await server?.close();
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** A writable copy of a (read-only) shared folder. */
function copyFolder(name: string): { root: string; dir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-cli-folders-'));
  roots.push(root);
  const dir = path.join(root, path.basename(name));
  fs.cpSync(shared(name), dir, { recursive: true });
  for (const entry of [
    dir,
    ...fs.readdirSync(dir, { recursive: true }).map((file) => path.join(dir, String(file))),
  ]) {
    fs.chmodSync(entry, fs.statSync(entry).isDirectory() ? 0o755 : 0o644);
  }
  return { root, dir };
}

const env = () => ({ ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL });

const FOLDERS: { name: string; nested?: string }[] = [
  { name: 'datarecipe-real/in_seed_tasks', nested: 'instances' },
  { name: 'datarecipe-real/math_reasoning_spec' },
  { name: 'datarecipe-real/in_hh_pref' },
  { name: 'datarecipe-belle-zh' },
];

describe('the shared DataRecipe folders through every command', () => {
  for (const { name, nested } of FOLDERS) {
    it(`${name}: generate, estimate, prepare, validate and stats exit 0`, async () => {
      const { root, dir } = copyFolder(name);
      const output = path.join(dir, '11_合成数据', 'synthetic.json');

      const generated = await runCli(['generate', dir, '-n', '8', '--batch-size', '4'], {
        cwd: root,
        env: env(),
      });
      expect(generated.code, generated.stderr).toBe(0);
      // DataRecipe's own folders hold example records beyond samples.json; the run says where seeds came from.
      if (name.startsWith('datarecipe-real/')) {
        expect(generated.stderr).toMatch(/Seeds: \d+ from 09_样例数据\/samples\.json/);
      }
      const envelope = JSON.parse(fs.readFileSync(output, 'utf8'));
      expect(envelope.samples).toHaveLength(8);
      if (nested !== undefined) {
        for (const sample of envelope.samples) {
          expect(sample.data[nested].length).toBeGreaterThan(0);
          for (const item of sample.data[nested])
            expect(Object.keys(item).sort()).toEqual(['input', 'output']);
        }
      }
      expect(fs.readdirSync(path.join(dir, '11_合成数据'))).toEqual(['synthetic.json']);

      const estimated = await runCli(['estimate', dir, '-n', '100'], { cwd: root });
      expect(estimated.code, estimated.stderr).toBe(0);
      if (name.startsWith('datarecipe-real/')) expect(estimated.stderr).toMatch(/Seeds: \d+ from /);

      const prepared = await runCli(['prepare', dir, '-n', '3'], { cwd: root });
      expect(prepared.code, prepared.stderr).toBe(0);
      if (nested !== undefined) expect(prepared.stdout).toMatch(/instances[\s\S]*input[\s\S]*output/);

      const validated = await runCli(['validate', output, dir, '--json'], { cwd: root });
      expect(validated.code, validated.stdout + validated.stderr).toBe(0);
      expect(JSON.parse(validated.stdout)).toMatchObject({ total: 8, valid: 8, invalid: 0 });

      const stats = await runCli(['stats', output, '--schema', dir, '--json'], { cwd: root });
      expect(stats.code, stats.stderr).toBe(0);
    });
  }

  it('the Self-Instruct seeds with a JSON Schema of four of their five fields: extra id allowed, left out of prompts', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-cli-self-instruct-'));
    roots.push(root);
    const schema = path.join(root, 'schema.json');
    fs.writeFileSync(
      schema,
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          name: { type: 'string' },
          instruction: { type: 'string', minLength: 5 },
          instances: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: { input: { type: 'string' }, output: { type: 'string', minLength: 1 } },
              required: ['input', 'output'],
            },
          },
          is_classification: { type: 'boolean' },
        },
        required: ['name', 'instruction', 'instances', 'is_classification'],
      }),
    );
    const seeds = shared('self-instruct-seed-tasks/seed_tasks.jsonl');
    const output = path.join(root, 'out.jsonl');
    const run = await runCli(['create', schema, seeds, '-o', output, '-n', '6', '--batch-size', '3'], {
      cwd: root,
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('do not fit the schema');
    expect(run.stderr).toContain(
      "The seeds' 'id' is left out of the examples the model sees: the schema does not list them.",
    );
    const lines = fs.readFileSync(output, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const record = JSON.parse(line);
      expect(Object.keys(record).sort()).toEqual(['instances', 'instruction', 'is_classification', 'name']);
    }

    const prepared = await runCli(['prepare', '--schema', schema, '--seeds', seeds, '-n', '3'], {
      cwd: root,
    });
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(prepared.stdout).not.toContain('seed_task_');
    const validated = await runCli(['validate', seeds, schema, '--json'], { cwd: root });
    expect(JSON.parse(validated.stdout)).toMatchObject({ total: 175, valid: 175 });
  });
});
