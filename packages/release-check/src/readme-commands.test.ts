import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NPM_CACHE_DIRECTORY, npmEnvironment } from './npm-install.js';
import { REPOSITORY_ROOT } from './published-packages.js';
import { type ReadmeCommand, readmeCommands } from './readme-shell-commands.js';
import { copyRepository, gitStatus, removeCommandOutputs } from './repository-copy.js';
import { type CommandResult, runCommand } from './run-command.js';

// Every command of the READMEs' shell code blocks, run in README order as a new user would: from the
// root of a fresh clone (its own `pnpm install`, its own cold build through `pnpm demo`), with `datasynth`
// put on the PATH by the README's own `npm link` (npm's global folder redirected to a temp dir), and the
// loopback server of @datasynth/testkit standing in for Anthropic and OpenAI once the README sets a key.
// A command that cannot run here is listed in HANDLING with the reason; every other one runs, so a new
// README command is checked the day it is written.

/** Where a README's commands run: the clone's root, or a user's own project folder outside it. */
type Place = 'repository' | 'user-project';

interface Readme {
  file: string;
  place: Place;
  why: string;
  /** Why its commands run with a key from the first one (its prose asks for one), if they do. */
  keyFromStart?: string;
}

// Each README is a separate reader: README.md starts from the fresh clone and sets it up; the next
// ones start from the set-up clone with the earlier READMEs' outputs removed, and a new user project.
const READMES: readonly Readme[] = [
  { file: 'README.md', place: 'repository', why: 'a fresh clone of this repository' },
  {
    file: 'examples/README.md',
    place: 'repository',
    why: '"Run the commands from the repository root"',
    keyFromStart: '"Every command needs an LLM: ANTHROPIC_API_KEY or OPENAI_API_KEY in the environment"',
  },
  {
    file: 'apps/cli/README.md',
    place: 'user-project',
    why: "the npm package's page: a user's project with a DataRecipe folder in ./output/belle",
  },
];

interface RunState {
  repository: string;
  userProject: string;
  /** npm's global folder for `npm link` / `npm install -g` (npm_config_prefix). */
  globalFolder: string;
  server: TestServer;
  /** Set by a README's `export …_API_KEY=…` line, reset for each README. */
  hasKey: boolean;
  /** The last prompt file `datasynth prepare -o <file>` wrote, for the user's chat step. */
  lastPrompt?: string;
}

const FAKE_KEY = 'readme-check-fake-key';
const PROVIDER_KEYS = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'];

type Handling =
  | { kind: 'not-run'; reason: string }
  | { kind: 'provides-key'; reason: string }
  | {
      kind: 'run';
      reason: string;
      place?: Place;
      rewrite?: (command: string, state: RunState) => string;
      /** The user's own step before the command (e.g. saving a chat reply). */
      before?: (command: string, state: RunState, cwd: string) => Promise<void>;
    };

/**
 * The one table of README commands that are not run exactly as written, and why. Patterns match the
 * command (comment and prompt removed); the first match wins. Everything else runs as written.
 */
const HANDLING: readonly { pattern: RegExp; handling: Handling }[] = [
  {
    pattern: /^npm install (-g|--global) pnpm@\S+ && /,
    handling: {
      kind: 'run',
      reason:
        'installing pnpm is a download from the npm registry, whose stalls are no verdict on the README (one ' +
        'held this test for 13 minutes): the pnpm on the PATH must be exactly that version instead, and the ' +
        'rest of the line runs as written',
      rewrite: (command) =>
        command.replace(
          /^npm install (?:-g|--global) pnpm@(\S+) && /,
          (_match, version: string) => `test "$(pnpm --version)" = "${version}" && `,
        ),
    },
  },
  {
    pattern: /^pnpm test\b/,
    handling: {
      kind: 'not-run',
      reason:
        'the whole suite, of which this test is a part (it would run itself, ~10 minutes); ' +
        'the clean-clone run of `pnpm test` before a release covers it',
    },
  },
  {
    pattern: /^(npm install (-g |--global )?@datasynth\/|npx (-y )?@datasynth\/)/,
    handling: {
      kind: 'not-run',
      reason:
        'nothing is published under @datasynth before a release (the README says so); ' +
        'installed-packages.test.ts installs the packed tarballs with npm and runs these binaries with npx',
    },
  },
  {
    pattern: /^claude mcp add /,
    handling: {
      kind: 'not-run',
      reason:
        "needs the Claude Code CLI and writes the user's Claude configuration; the MCP server started " +
        'this way is tested by apps/mcp-server and installed-packages.test.ts',
    },
  },
  {
    pattern: /^export \w+_API_KEY=\S*(\.\.\.|…)\S*$/,
    handling: {
      kind: 'provides-key',
      reason:
        "a placeholder for the user's key: from this line on, the README's commands run with fake keys in " +
        'ANTHROPIC_API_KEY and OPENAI_API_KEY and both base URLs pointing at the loopback server',
    },
  },
  {
    pattern: /^(\w+_API_KEY)=\S*(\.\.\.|…)\S* /,
    handling: {
      kind: 'run',
      reason:
        'a placeholder key on the command line, as if it were the only key: the fake key stands in for it, ' +
        "the other providers' keys are unset (base URLs: the loopback server)",
      rewrite: (command) =>
        command.replace(/^(\w+_API_KEY)=\S+ /, (_match, name: string) => {
          const others = PROVIDER_KEYS.filter((other) => other !== name).map((other) => `-u ${other}`);
          return `env ${others.join(' ')} ${name}="$${name}" `;
        }),
    },
  },
  {
    pattern: /--base-url http:\/\/(127\.0\.0\.1|localhost):11434\/v1/,
    handling: {
      kind: 'run',
      reason: "a local Ollama server: the loopback server's OpenAI-compatible /v1 stands in for it",
      rewrite: (command, state) =>
        command.replace(/http:\/\/(127\.0\.0\.1|localhost):11434\/v1/, state.server.openaiBaseURL),
    },
  },
  {
    pattern: / -m <model>/,
    handling: {
      kind: 'run',
      reason:
        'placeholder for a model id (the table below it lists them): runs with one of them, claude-haiku-4-5',
      rewrite: (command) => command.replace(' -m <model>', ' -m claude-haiku-4-5'),
    },
  },
  {
    pattern: /^datasynth parse (\S+)/,
    handling: {
      kind: 'run',
      reason:
        "the reply file is the user's step (paste the prompt into a chat, save the whole answer): the test sends " +
        "the prompt `datasynth prepare` wrote to the loopback server's Messages API and saves its reply there",
      before: saveChatReply,
    },
  },
  {
    pattern: /^datasynth \w+ schema\.json seeds\.jsonl /,
    handling: {
      kind: 'run',
      reason:
        '"your own schema and seeds": run in a user\'s project folder holding a schema.json and seeds.jsonl ' +
        "(the BELLE example's schema and seed records), not in the clone",
      place: 'user-project',
    },
  },
];

/** A Node.js stack frame (`    at f (file.js:1:2)`), or npm/pnpm's report of a failed script. */
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?\s*$|ELIFECYCLE|node:internal/m;

function handlingOf(command: string): Handling | undefined {
  return HANDLING.find((entry) => entry.pattern.test(command))?.handling;
}

function readCommands(file: string): ReadmeCommand[] {
  return readmeCommands(fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8'));
}

/** The exit code a README comment announces (`… (exit 3)`), else 0. */
function expectedExitCode(comment: string): number {
  const announced = /\bexits? (\d+)\b/.exec(comment);
  return announced ? Number(announced[1]) : 0;
}

/** A user's shell: no workspace binaries or npm_* variables, the Node running this test first. */
function userEnvironment(state: RunState): Record<string, string> {
  const environment = npmEnvironment({
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    npm_config_prefix: state.globalFolder,
    npm_config_cache: NPM_CACHE_DIRECTORY,
    ...(state.hasKey
      ? {
          ANTHROPIC_API_KEY: FAKE_KEY,
          ANTHROPIC_BASE_URL: state.server.anthropicBaseURL,
          OPENAI_API_KEY: FAKE_KEY,
          OPENAI_BASE_URL: state.server.openaiBaseURL,
        }
      : {}),
  });
  for (const name of Object.keys(environment))
    if (/^(VITEST|TURBO_)|^(NODE_ENV|NODE_OPTIONS)$/.test(name)) delete environment[name];
  environment.PATH = [
    path.join(state.globalFolder, 'bin'),
    path.dirname(process.execPath),
    environment.PATH,
  ].join(path.delimiter);
  return environment;
}

function runShellLine(line: string, cwd: string, state: RunState): Promise<CommandResult> {
  return runCommand('bash', ['-o', 'pipefail', '-c', line], {
    cwd,
    env: userEnvironment(state),
    timeoutMs: 900_000,
  });
}

/** The user's chat step of the interactive mode: the prompt `prepare` wrote, answered by the loopback server. */
async function saveChatReply(command: string, state: RunState, cwd: string): Promise<void> {
  const replyFile = path.join(cwd, /^datasynth parse (\S+)/.exec(command)?.[1] ?? '');
  if (fs.existsSync(replyFile)) return;
  if (!state.lastPrompt)
    throw new Error(`\`${command}\`: no \`datasynth prepare … -o <file>\` ran before it`);
  const response = await fetch(`${state.server.anthropicBaseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': FAKE_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-sonnet-5-5',
      max_tokens: 16_000,
      messages: [{ role: 'user', content: fs.readFileSync(state.lastPrompt, 'utf8') }],
    }),
  });
  const reply = (await response.json()) as { content: { type: string; text?: string }[] };
  fs.writeFileSync(replyFile, reply.content.map((part) => part.text ?? '').join(''));
}

/** `datasynth prepare … -o <file>`: remembers the prompt file for the user's chat step. */
function rememberPrompt(command: string, state: RunState, cwd: string): void {
  const prompt = /\bprepare\b.* -o (\S+)/.exec(command)?.[1];
  if (prompt) state.lastPrompt = path.join(cwd, prompt);
}

/**
 * A user's own project folder: the files the CLI README's commands name — a DataRecipe analysis
 * folder in ./output/belle, and a flat instruction dataset's schema.json and seeds.jsonl (both from
 * the bundled BELLE example: its DATA_SCHEMA.json, and its seed records one per line).
 */
function createUserProject(name: string): string {
  const project = path.join(temporaryDirectory, name);
  const belle = path.join(state.repository, 'examples/datarecipe-belle-zh');
  fs.cpSync(belle, path.join(project, 'output/belle'), { recursive: true });
  fs.copyFileSync(path.join(belle, '04_复刻指南/DATA_SCHEMA.json'), path.join(project, 'schema.json'));
  const samples = JSON.parse(fs.readFileSync(path.join(belle, '09_样例数据/samples.json'), 'utf8')) as {
    samples: { data: unknown }[];
  };
  fs.writeFileSync(
    path.join(project, 'seeds.jsonl'),
    samples.samples.map((sample) => `${JSON.stringify(sample.data)}\n`).join(''),
  );
  return project;
}

let temporaryDirectory = '';
const state = {} as RunState;

beforeAll(async () => {
  temporaryDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-readme-commands-'));
  state.repository = path.join(temporaryDirectory, 'datasynth');
  state.globalFolder = path.join(temporaryDirectory, 'npm-global');
  await copyRepository(state.repository);
  fs.mkdirSync(state.globalFolder);
  state.server = await startTestServer({ seed: 23 });
});

afterAll(async () => {
  await state.server?.close();
  if (temporaryDirectory) fs.rmSync(temporaryDirectory, { recursive: true, force: true });
});

describe('the READMEs list their commands', () => {
  it.each(READMES.map((readme) => readme.file))('%s has shell commands', (file) => {
    expect(readCommands(file).length).toBeGreaterThan(0);
  });

  it('README.zh-CN.md shows the same commands as README.md', () => {
    const commands = (file: string) => readCommands(file).map((entry) => entry.command);
    expect(commands('README.zh-CN.md')).toEqual(commands('README.md'));
  });
});

for (const readme of READMES) {
  const key = readme.keyFromStart ? `; with a key from the start: ${readme.keyFromStart}` : '';
  describe(`${readme.file}, every command in order (from ${readme.why}${key})`, () => {
    beforeAll(async () => {
      state.hasKey = readme.keyFromStart !== undefined;
      state.lastPrompt = undefined;
      state.userProject = createUserProject(`project-${READMES.indexOf(readme)}`);
      await removeCommandOutputs(state.repository);
    });

    for (const { command, comment } of readCommands(readme.file)) {
      const handling = handlingOf(command);
      if (handling?.kind === 'not-run') {
        it.skip(`${command} — not run: ${handling.reason}`, () => {});
        continue;
      }
      if (handling?.kind === 'provides-key') {
        it(`${command} — ${handling.reason}`, () => {
          state.hasKey = true;
        });
        continue;
      }
      it(command, { timeout: 960_000 }, async () => {
        const place = handling?.place ?? readme.place;
        const cwd = place === 'repository' ? state.repository : state.userProject;
        await handling?.before?.(command, state, cwd);
        const statusBefore = await gitStatus(state.repository);
        const line = handling?.rewrite ? handling.rewrite(command, state) : command;
        const result = await runShellLine(line, cwd, state);
        const output = `${result.stdout}\n${result.stderr}`;
        const report = `\`${line}\` in ${place}:\n${output}`;
        expect(result.code, report).toBe(expectedExitCode(comment));
        expect(output, report).not.toMatch(STACK_TRACE);
        expect(output, 'the key never appears in output').not.toContain(FAKE_KEY);
        // Outputs go to ignored places only: nothing new untracked-and-unignored, nothing modified
        // (compared with before the command, so one stray file is blamed on its command alone).
        const statusAfter = await gitStatus(state.repository);
        expect(
          statusAfter.filter((entry) => !statusBefore.includes(entry)),
          report,
        ).toEqual([]);
        rememberPrompt(command, state, cwd);
      });
    }
  });
}

describe("`pnpm demo` in the set-up clone, README.md's first run", () => {
  beforeAll(async () => {
    await removeCommandOutputs(state.repository);
  });

  it('with no key: says how to get an LLM, exits 0 without a failure report, writes nothing', async () => {
    state.hasKey = false;
    const result = await runShellLine('pnpm demo', state.repository, state);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('export ANTHROPIC_API_KEY=');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(path.join(state.repository, 'demo-output'))).toBe(false);
    expect(await gitStatus(state.repository)).toEqual([]);
  });

  it('with a key: writes 20 records to demo-output/belle-synthetic.json, an ignored place', async () => {
    state.hasKey = true;
    const result = await runShellLine('pnpm demo', state.repository, state);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_TRACE);
    const output = JSON.parse(
      fs.readFileSync(path.join(state.repository, 'demo-output/belle-synthetic.json'), 'utf8'),
    ) as { samples: unknown[] };
    expect(output.samples).toHaveLength(20);
    expect(await gitStatus(state.repository)).toEqual([]);
  });
});
