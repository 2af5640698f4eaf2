import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonRpcStdioClient } from './json-rpc-stdio.js';
import { npmEnvironment, npmInstall } from './npm-install.js';
import { packPackage } from './pack-package.js';
import { listPublishedPackages, REPOSITORY_ROOT } from './published-packages.js';
import { readmeCodeBlock } from './readme-code-block.js';
import { type CommandResult, expectSuccess, runCommand } from './run-command.js';

// One empty npm project with every packed tarball installed at once (no workspace, no pnpm), then
// everything a user does first: the binaries through npx, the README examples, a type check.

const published = listPublishedPackages();
let temporaryDirectory = '';
let project = '';
let server: TestServer;

/** The environment of a user with a (fake) key whose provider is the loopback server. */
function userEnvironment(): Record<string, string> {
  return npmEnvironment({
    ANTHROPIC_API_KEY: 'release-check-key',
    ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    OPENAI_API_KEY: 'release-check-key',
    OPENAI_BASE_URL: server.openaiBaseURL,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    // npx must find the installed binaries; it may never fetch a package of the same name.
    npm_config_offline: 'true',
  });
}

function run(command: string, args: readonly string[], timeoutMs = 120_000): Promise<CommandResult> {
  return runCommand(command, args, { cwd: project, env: userEnvironment(), timeoutMs });
}

function installedReadme(name: string): string {
  return fs.readFileSync(path.join(project, 'node_modules', name, 'README.md'), 'utf8');
}

function copyInto(source: string, target: string): void {
  fs.cpSync(path.join(REPOSITORY_ROOT, source), path.join(project, target), { recursive: true });
}

beforeAll(async () => {
  temporaryDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-release-'));
  project = path.join(temporaryDirectory, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'release-check-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const tarballs: string[] = [];
  for (const entry of published) {
    const packed = await packPackage(
      path.join(REPOSITORY_ROOT, entry.directory),
      path.join(temporaryDirectory, 'tarballs'),
    );
    tarballs.push(packed.tarball);
  }
  await npmInstall(project, [...tarballs, 'typescript@5.9.3', '@types/node@20.19.43']);
  // The files the READMEs' examples refer to, where they expect them.
  copyInto('examples', 'examples');
  copyInto('examples/datarecipe-belle-zh', 'output/belle');
  copyInto('examples/datarecipe-belle-zh', 'output/my_dataset');
  copyInto('examples/self-instruct/schema.json', 'schema.json');
  copyInto('examples/self-instruct/seeds.jsonl', 'seeds.jsonl');
  server = await startTestServer({ seed: 11 });
});

afterAll(async () => {
  await server?.close();
  if (temporaryDirectory) fs.rmSync(temporaryDirectory, { recursive: true, force: true });
});

describe('the tarballs, installed with npm into an empty project', () => {
  it('installed every package from its tarball, not from the workspace or the registry', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string; link?: boolean }>;
    };
    for (const entry of published) {
      const directory = path.join(project, 'node_modules', entry.name);
      const locked = lock.packages[`node_modules/${entry.name}`];
      expect(locked?.link, entry.name).toBeUndefined();
      expect(locked?.resolved, entry.name).toMatch(/^file:.*\.tgz$/);
      expect(locked?.version).toBe(entry.version);
      // One copy each: the apps and core use the root copies, not nested ones fetched from npm.
      expect(fs.existsSync(path.join(directory, 'node_modules', '@datasynth'))).toBe(false);
    }
  });

  it('`npx datasynth --version` prints the CLI version', async () => {
    const version = published.find((entry) => entry.name === '@datasynth/cli')?.version;
    expect(
      expectSuccess(await run('npx', ['datasynth', '--version']), 'npx datasynth --version').trim(),
    ).toBe(version);
  });

  it('the two example commands of examples/README.md plan with --dry-run and then generate valid records', async () => {
    const examplesReadme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'examples/README.md'), 'utf8');
    const commands = examplesReadme
      .split('\n')
      .filter((line) => line.startsWith('datasynth '))
      .map((line) => line.split(' ').slice(1));
    expect(commands.map((command) => command[0])).toEqual(['generate', 'create']);
    for (const args of commands) {
      const dryRun = expectSuccess(await run('npx', ['datasynth', ...args, '--dry-run']), args.join(' '));
      expect(dryRun).toMatch(/Estimated cost\s+\$/);
      expectSuccess(await run('npx', ['datasynth', ...args]), args.join(' '));
    }
    // `create` on the Self-Instruct pair: nested records, validated again by the CLI itself.
    const validation = await run('npx', [
      'datasynth',
      'validate',
      'demo-output/self-instruct.jsonl',
      'examples/self-instruct/schema.json',
    ]);
    expect(expectSuccess(validation, 'datasynth validate')).toContain('100 of 100 records valid');
    const first = JSON.parse(
      fs.readFileSync(path.join(project, 'demo-output/self-instruct.jsonl'), 'utf8').split('\n')[0] ?? '',
    );
    expect(Array.isArray(first.instances)).toBe(true);
    const belle = JSON.parse(fs.readFileSync(path.join(project, 'demo-output/belle-synthetic.json'), 'utf8'));
    expect(belle.samples).toHaveLength(100);
  });

  it("the CLI README's quick start runs as written", async () => {
    const block = readmeCodeBlock(installedReadme('@datasynth/cli'), '## Quick start', ['sh']);
    // The `export …KEY=…` line stands for the user's key, which the environment already holds.
    const commands = block.split('\n').filter((line) => line.startsWith('datasynth '));
    expect(commands).toHaveLength(3);
    for (const command of commands) {
      expectSuccess(await run('sh', ['-c', `npx ${command}`]), command);
    }
    const output = JSON.parse(
      fs.readFileSync(path.join(project, 'output/belle/11_合成数据/synthetic.json'), 'utf8'),
    );
    expect(output.samples.length).toBeGreaterThanOrEqual(1000);
  });

  it('the MCP server, started as its README says (npx), answers initialize and tools/list over stdio', async () => {
    const readme = installedReadme('@datasynth/mcp-server');
    expect(readme).toContain('npx -y @datasynth/mcp-server --root /path/to/your/data');
    const client = new JsonRpcStdioClient('npx', ['-y', '@datasynth/mcp-server', '--root', project], {
      cwd: project,
      env: userEnvironment(),
    });
    try {
      const initialize = await client.request('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'release-check', version: '0.0.0' },
      });
      expect(initialize.error).toBeUndefined();
      const version = published.find((entry) => entry.name === '@datasynth/mcp-server')?.version;
      expect(initialize.result?.serverInfo).toMatchObject({ version });
      client.notify('notifications/initialized');
      const list = await client.request('tools/list', {});
      const tools = ((list.result?.tools ?? []) as { name: string }[]).map((tool) => tool.name);
      expect(tools).toEqual(
        expect.arrayContaining([
          'prepare_synthesis',
          'parse_synthesis_result',
          'synthesize_data',
          'estimate_synthesis_cost',
          'validate_data',
          'synthesis_stats',
          'convert_data',
        ]),
      );
    } finally {
      expect(await client.close()).toBe(0);
    }
    expect(client.strayLines).toEqual([]);
  });

  it('the providers README example imports @datasynth/providers alone and calls a model', async () => {
    const script = readmeCodeBlock(installedReadme('@datasynth/providers'), '## Example', ['js']);
    expect(script).toMatch(/from '@datasynth\/providers'/);
    expect(script.match(/from '([^']+)'/g)).toEqual(["from '@datasynth/providers'"]);
    fs.writeFileSync(path.join(project, 'providers-example.mjs'), script);
    const result = await run('node', ['providers-example.mjs']);
    const lines = expectSuccess(result, 'providers README example').trim().split('\n');
    expect(result.stderr).toBe('');
    expect(lines.map((line) => JSON.parse(line).provider)).toEqual(['anthropic', 'openai']);
  });

  it("the root README's provider adapter example runs with @datasynth/providers alone", async () => {
    const rootReadme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    const script = readmeCodeBlock(rootReadme, '## Using the provider adapters in another tool', ['js']);
    fs.writeFileSync(path.join(project, 'root-readme-providers.mjs'), script);
    const result = await run('node', ['root-readme-providers.mjs']);
    expect(expectSuccess(result, 'root README providers example')).toMatch(/sentiment/);
  });

  it('a TypeScript consumer and the core, prompts, cost and root README examples type-check (tsc) and run', async () => {
    const rootReadme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    const examples = {
      'root-library': readmeCodeBlock(rootReadme, '## Library API', ['ts']),
      core: readmeCodeBlock(installedReadme('@datasynth/core'), '## Use', ['ts']),
      prompts: readmeCodeBlock(installedReadme('@datasynth/prompts'), '## Example', ['ts']),
      cost: readmeCodeBlock(installedReadme('@datasynth/cost'), '## Example', ['ts']),
    };
    const sources = path.join(project, 'src');
    fs.mkdirSync(sources);
    for (const [name, code] of Object.entries(examples))
      fs.writeFileSync(path.join(sources, `${name}.ts`), code);
    fs.writeFileSync(
      path.join(sources, 'consumer.ts'),
      [
        "import { DataSynthesizer, type SynthesisResult } from '@datasynth/core';",
        "import { createAnthropic, type LanguageModel } from '@datasynth/providers';",
        '',
        "const languageModel: LanguageModel = createAnthropic()('claude-haiku-4-5');",
        'const synth = new DataSynthesizer({ targetCount: 5, maxCost: 1 }, { languageModel });',
        '// @ts-expect-error targetCount is a number: the declarations are real types, not `any`',
        "new DataSynthesizer({ targetCount: 'many' });",
        '',
        'export function run(): Promise<SynthesisResult> {',
        "  return synth.synthesize({ schemaPath: 'schema.json', seedsPath: 'seeds.jsonl', output: 'consumer.jsonl' });",
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          types: ['node'],
          outDir: 'compiled',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    // One tsc run both type-checks (any error exits non-zero, as `tsc --noEmit` would) and
    // compiles the examples so they can run.
    expectSuccess(await run(path.join(project, 'node_modules/.bin/tsc'), []), 'tsc');

    const cost = expectSuccess(await run('node', ['compiled/cost.js']), 'cost README example');
    expect(cost).toMatch(/\d/);
    const prompts = await run('node', ['compiled/prompts.js']);
    expectSuccess(prompts, 'prompts README example');
    expect(prompts.stderr).toBe(''); // every seed of the bundled example fits its schema
    const core = expectSuccess(await run('node', ['compiled/core.js'], 180_000), 'core README example');
    expect(core).toContain('100/100');
    expect(core).toMatch(/^100 \d/m); // generatedCount, actualCost, stoppedBecause
    expect(core).toContain('done');
    // The root README's snippet writes into the same relative folder: give it its own working directory.
    const rootLibrary = path.join(project, 'root-library');
    fs.cpSync(
      path.join(REPOSITORY_ROOT, 'examples/datarecipe-belle-zh'),
      path.join(rootLibrary, 'output/my_dataset'),
      {
        recursive: true,
      },
    );
    const library = await runCommand('node', [path.join(project, 'compiled/root-library.js')], {
      cwd: rootLibrary,
      env: userEnvironment(),
      timeoutMs: 180_000,
    });
    expect(expectSuccess(library, 'root README library example')).toMatch(/^100 \d.* done$/m);
    const recipeOutput = JSON.parse(
      fs.readFileSync(path.join(project, 'output/my_dataset/11_合成数据/synthetic.json'), 'utf8'),
    );
    expect(recipeOutput.samples).toHaveLength(100);
    expect(fs.readFileSync(path.join(project, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(100);
  });
});
