import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SENTINEL_KEY } from './spawn-cli.js';
import { hashTree, listTree, makeWorkspace, removeWorkspaces, type Workspace } from './workspace.js';

/** One bad invocation: what to run, what must come out. */
interface BadCase {
  name: string;
  args: (workspace: Workspace) => string[];
  /** Files to create before the run (relative to the workspace root). */
  files?: Record<string, string>;
  /** Environment; by default a sentinel Anthropic key and a base URL where nothing listens. */
  env?: Record<string, string | undefined>;
  stdin?: string;
  code: number;
  /** The single stderr line must match. */
  message: RegExp;
  /** Makes what a file cannot hold (FIFOs, links) before the run. */
  setup?: (workspace: Workspace) => void;
  /** Checks after the run, beyond "no regular file changed" (a FIFO is still a FIFO …). */
  after?: (workspace: Workspace) => void;
}

/** A schema nested `levels` objects deep. */
function deepSchema(levels: number): string {
  return `${'{"type":"object","properties":{"x":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
}

const fifo = (name: string) => (w: Workspace) => execFileSync('mkfifo', [path.join(w.root, name)]);
const stillFifo = (name: string) => (w: Workspace) =>
  expect(fs.lstatSync(path.join(w.root, name)).isFIFO()).toBe(true);
const devNullIntact = () => expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
/** Latin-1 bytes: valid for a lenient decoder, invalid UTF-8. */
const LATIN1_SEEDS = Buffer.from(
  '{"instruction":"caf\xe9","input":"","output":"ol\xe9","category":"x"}\n',
  'latin1',
);

const NOWHERE = 'http://127.0.0.1:9';

const CASES: BadCase[] = [
  {
    name: 'missing analysis folder',
    args: () => ['generate', 'missing-dir'],
    code: 2,
    message: /missing-dir/,
  },
  {
    name: 'analysis folder without a schema',
    files: { 'empty/readme.txt': 'nothing here' },
    args: () => ['generate', 'empty'],
    code: 2,
    message: /empty/,
  },
  {
    name: 'missing held-out file',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json', '--holdout', 'nope-eval.jsonl'],
    code: 2,
    message: /Held-out file nope-eval\.jsonl cannot be used/,
  },
  {
    name: 'gold file whose items have no human score',
    files: { 'gold.jsonl': '{"instruction":"a","output":"b"}\n' },
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json', '--judge-gold', 'gold.jsonl'],
    code: 2,
    message: /Gold item 1 in gold\.jsonl has neither a numeric score nor a keep\/reject label/,
  },
  {
    name: 'missing schema file',
    args: (w) => ['create', 'nope.json', w.seeds, '-o', 'out.json'],
    code: 2,
    message: /nope\.json/,
  },
  {
    name: 'missing seeds file',
    args: (w) => ['create', w.schema, 'nope.jsonl', '-o', 'out.json'],
    code: 2,
    message: /nope\.jsonl/,
  },
  {
    name: 'schema is not valid JSON',
    files: { 'bad-schema.json': '{"fields": [' },
    args: (w) => ['create', 'bad-schema.json', w.seeds, '-o', 'out.json'],
    code: 2,
    message: /bad-schema\.json/,
  },
  {
    name: 'seeds are not valid JSON',
    files: { 'bad-seeds.json': '[{"instruction": "x",' },
    args: (w) => ['create', w.schema, 'bad-seeds.json', '-o', 'out.json'],
    code: 2,
    message: /bad-seeds\.json/,
  },
  {
    name: 'empty seeds file',
    files: { 'empty-seeds.jsonl': '' },
    args: (w) => ['create', w.schema, 'empty-seeds.jsonl', '-o', 'out.json'],
    code: 2,
    message: /empty-seeds\.jsonl/,
  },
  {
    name: 'seeds that fit no schema field',
    files: { 'alien-seeds.json': JSON.stringify([{ foo: 1 }, { bar: 'x' }]) },
    args: (w) => ['create', w.schema, 'alien-seeds.json', '-o', 'out.json'],
    code: 2,
    message: /alien-seeds\.json|seeds/i,
  },
  {
    name: 'unknown model',
    args: (w) => ['generate', w.analysisDir, '-m', 'frobnicator-9'],
    code: 2,
    message: /frobnicator-9/,
  },
  {
    name: 'unknown provider',
    args: (w) => ['generate', w.analysisDir, '-p', 'acme'],
    code: 2,
    message: /--provider/,
  },
  { name: 'zero count', args: (w) => ['generate', w.analysisDir, '-n', '0'], code: 2, message: /--count/ },
  {
    name: 'negative count',
    args: (w) => ['generate', w.analysisDir, '-n', '-5'],
    code: 2,
    message: /--count/,
  },
  {
    name: 'non-numeric count',
    args: (w) => ['generate', w.analysisDir, '-n', 'abc'],
    code: 2,
    message: /--count/,
  },
  {
    name: 'fractional count',
    args: (w) => ['generate', w.analysisDir, '--count', '1.5'],
    code: 2,
    message: /--count/,
  },
  {
    name: 'unknown format',
    args: (w) => ['generate', w.analysisDir, '--format', 'xml'],
    code: 2,
    message: /--format/,
  },
  {
    name: 'unwritable output path',
    args: (w) => ['create', w.schema, w.seeds, '-o', path.join(w.seeds, 'out.json')],
    code: 2,
    message: /seeds\.json/,
  },
  {
    name: 'existing output without --resume or --overwrite',
    files: { 'out.json': '{"samples": []}\n' },
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json'],
    code: 2,
    message: /--resume|--overwrite/,
  },
  {
    name: 'existing default output of generate',
    files: { 'belle/11_合成数据/synthetic.json': '{"samples": []}\n' },
    args: (w) => ['generate', w.analysisDir],
    code: 2,
    message: /synthetic\.json/,
  },
  {
    name: 'config file is not valid JSON',
    files: { 'broken.config.json': '{ "targetCount": 5, ' },
    args: (w) => ['generate', w.analysisDir, '--config', 'broken.config.json'],
    code: 2,
    message: /broken\.config\.json/,
  },
  {
    name: 'config file with an unknown key',
    files: { 'unknown.config.json': JSON.stringify({ targetCount: 5, colour: 'blue' }) },
    args: (w) => ['generate', w.analysisDir, '--config', 'unknown.config.json'],
    code: 2,
    message: /unknown\.config\.json.*colour/,
  },
  {
    name: 'config file with a bad value',
    files: { 'hot.config.json': JSON.stringify({ temperature: 5 }) },
    args: (w) => ['generate', w.analysisDir, '--config', 'hot.config.json'],
    code: 2,
    message: /hot\.config\.json.*temperature/,
  },
  {
    name: 'missing config file',
    args: (w) => ['generate', w.analysisDir, '--config', 'absent.json'],
    code: 2,
    message: /absent\.json/,
  },
  {
    name: 'unknown flag',
    args: (w) => ['generate', w.analysisDir, '--frobnicate'],
    code: 2,
    message: /--frobnicate/,
  },
  { name: 'missing argument', args: (w) => ['create', w.schema], code: 2, message: /seeds/ },
  { name: 'unknown command', args: () => ['frobnicate'], code: 2, message: /frobnicate/ },
  {
    name: 'temperature out of range',
    args: (w) => ['generate', w.analysisDir, '-t', '5'],
    code: 2,
    message: /--temperature/,
  },
  {
    name: 'batch size out of range',
    args: (w) => ['generate', w.analysisDir, '--batch-size', '1000'],
    code: 2,
    message: /--batch-size/,
  },
  {
    name: 'zero cost cap',
    args: (w) => ['generate', w.analysisDir, '--max-cost', '0'],
    code: 2,
    message: /--max-cost/,
  },
  {
    name: 'zero concurrency',
    args: (w) => ['generate', w.analysisDir, '--concurrency', '0'],
    code: 2,
    message: /--concurrency/,
  },
  {
    name: 'zero requests per minute',
    args: (w) => ['generate', w.analysisDir, '--rpm', '0'],
    code: 2,
    message: /--rpm/,
  },
  {
    name: 'fractional tokens per minute',
    args: (w) => ['generate', w.analysisDir, '--tpm', '1.5'],
    code: 2,
    message: /--tpm/,
  },
  {
    name: 'zero timeout',
    args: (w) => ['generate', w.analysisDir, '--timeout', '0'],
    code: 2,
    message: /--timeout.*seconds greater than 0/,
  },
  {
    name: 'timeout that is not a number',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.jsonl', '--timeout', '2min'],
    code: 2,
    message: /--timeout.*seconds greater than 0/,
  },
  {
    name: 'negative seed sample count',
    args: (w) => ['generate', w.analysisDir, '--seed-sample-count', '-1'],
    code: 2,
    message: /--seed-sample-count/,
  },
  {
    name: 'bad base URL',
    args: (w) => ['generate', w.analysisDir, '--base-url', 'not a url'],
    code: 2,
    message: /--base-url/,
  },
  {
    name: 'resume and overwrite together',
    args: (w) => ['generate', w.analysisDir, '--resume', '--overwrite'],
    code: 2,
    message: /overwrite/,
  },
  {
    name: 'unknown UI language',
    args: (w) => ['generate', w.analysisDir, '--ui-lang', 'fr'],
    code: 2,
    message: /--ui-lang/,
  },
  {
    name: 'no API key',
    args: (w) => ['generate', w.analysisDir, '-n', '5'],
    env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined },
    code: 2,
    message: /ANTHROPIC_API_KEY.*--base-url.*datasynth prepare/,
  },
  {
    name: 'cost cap on an unpriced model',
    args: (w) => [
      'generate',
      w.analysisDir,
      '-m',
      'ollama:mystery-model',
      '--base-url',
      `${NOWHERE}/v1`,
      '--max-cost',
      '1',
    ],
    code: 2,
    message: /mystery-model/,
  },
  { name: 'create without -o', args: (w) => ['create', w.schema, w.seeds], code: 2, message: /--output/ },
  {
    name: 'parse a reply with no JSON',
    files: { 'reply.md': 'Sorry, I cannot help with that today.\n' },
    args: (w) => ['parse', 'reply.md', '--analysis-dir', w.analysisDir],
    code: 2,
    message: /reply|records/i,
  },
  {
    name: 'parse a missing reply file',
    args: (w) => ['parse', 'no-reply.md', '--analysis-dir', w.analysisDir],
    code: 2,
    message: /no-reply\.md/,
  },
  {
    name: 'parse without inputs',
    args: () => ['parse', '-', '-o', 'out.json'],
    stdin: '[]',
    code: 2,
    message: /--schema/,
  },
  {
    name: 'parse with both a folder and a schema',
    args: (w) => ['parse', '-', '--analysis-dir', w.analysisDir, '--schema', w.schema],
    code: 2,
    message: /either/,
  },
  {
    name: 'validate a missing data file',
    args: (w) => ['validate', 'none.jsonl', w.schema],
    code: 2,
    message: /none\.jsonl/,
  },
  {
    name: 'validate against an invalid schema',
    files: {
      'data.jsonl': '{"instruction":"a","input":"","output":"b","category":"generation"}\n',
      'weird.json': '42',
    },
    args: () => ['validate', 'data.jsonl', 'weird.json'],
    code: 2,
    message: /weird\.json/,
  },
  {
    name: 'convert without --format',
    args: (w) => ['convert', w.seeds, '-o', 'out.jsonl'],
    code: 2,
    message: /--format/,
  },
  {
    name: 'convert onto an existing file',
    files: { 'taken.jsonl': '{"a":1}\n' },
    args: (w) => ['convert', w.seeds, '-o', 'taken.jsonl', '--format', 'jsonl'],
    code: 2,
    message: /taken\.jsonl/,
  },
  {
    name: 'stats of a file that holds no records',
    files: { 'notes.json': '"just a string"' },
    args: () => ['stats', 'notes.json'],
    code: 2,
    message: /notes\.json/,
  },
  {
    name: 'init over an existing config',
    files: { 'datasynth.config.json': '{}\n' },
    args: () => ['init'],
    code: 2,
    message: /--force/,
  },
  {
    name: 'prepare over an existing prompt file',
    files: { 'prompt.md': 'old prompt\n' },
    args: (w) => ['prepare', w.analysisDir, '-o', 'prompt.md'],
    code: 2,
    message: /prompt\.md/,
  },
  // ---- issue 21: outputs that are inputs, special files, system folders ----
  {
    name: 'overwrite onto the seeds file',
    args: (w) => ['create', w.schema, w.seeds, '-o', w.seeds, '--overwrite'],
    code: 2,
    message: /seeds file .*seeds\.json: writing there would destroy it/,
  },
  {
    name: 'overwrite onto the schema through a symbolic link',
    setup: (w) => fs.symlinkSync(w.schema, path.join(w.root, 'link.json')),
    args: (w) => ['create', w.schema, w.seeds, '-o', 'link.json', '--overwrite'],
    code: 2,
    message: /schema file .*schema\.json: writing there would destroy it/,
  },
  {
    name: 'overwrite onto a hard link of the seeds',
    setup: (w) => fs.linkSync(w.seeds, path.join(w.root, 'hard.json')),
    args: (w) => ['create', w.schema, w.seeds, '-o', 'hard.json', '--overwrite'],
    code: 2,
    message: /seeds file/,
  },
  {
    name: "overwrite onto the analysis folder's own samples",
    args: (w) => [
      'generate',
      w.analysisDir,
      '-o',
      path.join(w.analysisDir, '09_样例数据', 'samples.json'),
      '--overwrite',
    ],
    code: 2,
    message: /seeds file .*samples\.json/,
  },
  {
    name: 'a seeds file named like the journal of the output',
    setup: (w) => fs.copyFileSync(w.seeds, path.join(w.root, 'out.json.journal.jsonl')),
    args: (w) => ['create', w.schema, 'out.json.journal.jsonl', '-o', 'out.json', '--overwrite'],
    code: 2,
    message: /keeps .*out\.json\.journal\.jsonl beside it, which is the run's seeds file/,
  },
  {
    name: '-o /dev/null --overwrite',
    args: (w) => ['create', w.schema, w.seeds, '-o', '/dev/null', '--overwrite'],
    code: 2,
    message: /\/dev\/null is a character device, not a regular file/,
    after: devNullIntact,
  },
  {
    name: '-o a FIFO --overwrite',
    setup: fifo('out.fifo'),
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.fifo', '--overwrite'],
    code: 2,
    message: /out\.fifo is a FIFO/,
    after: stillFifo('out.fifo'),
  },
  {
    name: '-o an existing folder --overwrite',
    files: { 'results/keep.txt': 'keep me' },
    args: (w) => ['create', w.schema, w.seeds, '-o', 'results', '--overwrite'],
    code: 2,
    message: /results is a folder: give a file path/,
  },
  {
    name: 'output under /proc',
    args: (w) => ['create', w.schema, w.seeds, '-o', '/proc/self/datasynth/out.json'],
    code: 2,
    message: /under \/proc/,
  },
  {
    name: 'output under /sys',
    args: (w) => ['create', w.schema, w.seeds, '-o', '/sys/out.json', '--overwrite'],
    code: 2,
    message: /under \/sys/,
  },
  // ---- issue 21: inputs that are not bounded UTF-8 files ----
  {
    name: '/dev/zero as the seeds',
    args: (w) => ['create', w.schema, '/dev/zero', '-o', 'out.json'],
    code: 2,
    message: /\/dev\/zero: it is a character device, not a regular file/,
    after: devNullIntact,
  },
  {
    name: 'a FIFO as the seeds (no writer: must not wait)',
    setup: fifo('seeds.fifo'),
    args: (w) => ['create', w.schema, 'seeds.fifo', '-o', 'out.json'],
    code: 2,
    message: /seeds\.fifo: it is a FIFO/,
    after: stillFifo('seeds.fifo'),
  },
  {
    name: 'a schema nested 10,000 levels deep',
    files: { 'deep.json': deepSchema(10_000) },
    args: (w) => ['create', 'deep.json', w.seeds, '-o', 'out.json'],
    code: 2,
    message: /deep\.json: the schema nests deeper than 100 levels/,
  },
  {
    name: 'a seed record nested 5,000 levels deep',
    files: { 'deep-seeds.jsonl': `{"instruction":${'['.repeat(5000)}${']'.repeat(5000)}}\n` },
    args: (w) => ['create', w.schema, 'deep-seeds.jsonl', '-o', 'out.json'],
    code: 2,
    message: /deep-seeds\.jsonl: the seed record \(.*\) nests deeper than 100 levels/,
  },
  {
    name: 'seeds in Latin-1, not UTF-8',
    setup: (w) => fs.writeFileSync(path.join(w.root, 'latin1.jsonl'), LATIN1_SEEDS),
    args: (w) => ['create', w.schema, 'latin1.jsonl', '-o', 'out.json'],
    code: 2,
    message: /latin1\.jsonl is not UTF-8 text \(byte 19 is invalid\)/,
  },
  {
    name: 'a schema in Latin-1, not UTF-8',
    setup: (w) =>
      fs.writeFileSync(
        path.join(w.root, 'latin1.json'),
        Buffer.from('{"fields":[{"name":"caf\xe9","type":"string"}]}', 'latin1'),
      ),
    args: (w) => ['create', 'latin1.json', w.seeds, '-o', 'out.json'],
    code: 2,
    message: /latin1\.json is not UTF-8 text/,
  },
  {
    name: 'seeds over --max-input-size',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json', '--max-input-size', '0.001'],
    code: 2,
    message: /over the 1\.0 KiB input limit: check the path, or raise --max-input-size \(in MiB\)/,
  },
  {
    name: 'a missing topics file leaves no journal behind',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json', '--topics', 'nope.txt'],
    code: 2,
    message: /Topics file not found: nope\.txt/,
  },
  {
    name: 'a FIFO as the topics file',
    setup: fifo('topics.fifo'),
    args: (w) => ['create', w.schema, w.seeds, '-o', 'out.json', '--topics', 'topics.fifo'],
    code: 2,
    message: /topics\.fifo: it is a FIFO/,
    after: stillFifo('topics.fifo'),
  },
  {
    name: 'a FIFO as the config file',
    setup: fifo('config.fifo'),
    args: (w) => ['generate', w.analysisDir, '--config', 'config.fifo'],
    code: 2,
    message: /config\.fifo: it is a FIFO/,
    after: stillFifo('config.fifo'),
  },
  // ---- issue 21: flags and formats ----
  {
    name: 'negative --batch-poll-interval',
    args: (w) => ['generate', w.analysisDir, '--batch-api', '--batch-poll-interval', '-5'],
    code: 2,
    message: /--batch-poll-interval/,
  },
  {
    name: 'zero --batch-poll-interval',
    args: (w) => ['generate', w.analysisDir, '--batch-api', '--batch-poll-interval', '0'],
    code: 2,
    message: /--batch-poll-interval/,
  },
  {
    name: '--format alpaca into a .jsonl file',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'x.jsonl', '--format', 'alpaca'],
    code: 2,
    message: /alpaca format is one JSON document.*x\.jsonl.*\.json path/,
  },
  {
    name: '--format sharegpt into a .json file',
    args: (w) => ['create', w.schema, w.seeds, '-o', 'x.json', '--format', 'sharegpt'],
    code: 2,
    message: /sharegpt format is JSON Lines.*x\.json.*\.jsonl path/,
  },
  {
    name: 'convert into a mismatched extension',
    args: (w) => ['convert', w.seeds, '-o', 'x.jsonl', '--format', 'alpaca'],
    code: 2,
    message: /alpaca format is one JSON document/,
  },
  {
    name: 'convert onto a FIFO with --overwrite',
    setup: fifo('converted.fifo'),
    args: (w) => ['convert', w.seeds, '-o', 'converted.fifo', '--format', 'jsonl', '--overwrite'],
    code: 2,
    message: /converted\.fifo is a FIFO/,
    after: stillFifo('converted.fifo'),
  },
  {
    name: 'convert /dev/zero',
    args: () => ['convert', '/dev/zero', '-o', 'out.jsonl', '--format', 'jsonl'],
    code: 2,
    message: /\/dev\/zero: it is a character device/,
  },
  {
    name: 'stats of a FIFO',
    setup: fifo('data.fifo'),
    args: () => ['stats', 'data.fifo'],
    code: 2,
    message: /data\.fifo: it is a FIFO/,
    after: stillFifo('data.fifo'),
  },
  {
    name: 'stats --html onto its own data file',
    args: (w) => ['stats', w.seeds, '--html', w.seeds],
    code: 2,
    message: /is the run's records file .*seeds\.json: writing there would destroy it/,
  },
  {
    name: 'prepare -o /dev/null --overwrite',
    args: (w) => ['prepare', w.analysisDir, '-o', '/dev/null', '--overwrite'],
    code: 2,
    message: /\/dev\/null is a character device/,
    after: devNullIntact,
  },
  {
    name: 'prepare onto its own schema with --overwrite',
    args: (w) => ['prepare', '--schema', w.schema, '--seeds', w.seeds, '-o', w.schema, '--overwrite'],
    code: 2,
    message: /schema file/,
  },
  {
    name: 'parse a reply from a FIFO',
    setup: fifo('reply.fifo'),
    args: (w) => ['parse', 'reply.fifo', '--analysis-dir', w.analysisDir],
    code: 2,
    message: /reply\.fifo: it is a FIFO/,
    after: stillFifo('reply.fifo'),
  },
  {
    name: 'parse into the seeds file',
    files: { 'reply.md': '[{"instruction":"a","input":"","output":"b","category":"x"}]' },
    args: (w) => ['parse', 'reply.md', '--schema', w.schema, '--seeds', w.seeds, '-o', w.seeds],
    code: 2,
    message: /seeds file/,
  },
  {
    name: 'openai-compatible provider without a model',
    args: (w) => ['generate', w.analysisDir, '-p', 'openai-compatible', '--base-url', `${NOWHERE}/v1`],
    code: 2,
    message: /--model/,
  },
];

afterAll(removeWorkspaces);

describe.concurrent('bad input: exit code, one line on stderr, nothing changed', () => {
  it('has at least 70 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(70);
  });

  for (const badCase of CASES) {
    it(badCase.name, async () => {
      const workspace = makeWorkspace('datasynth-bad-');
      for (const [file, contents] of Object.entries(badCase.files ?? {})) {
        const full = path.join(workspace.root, file);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, contents);
      }
      badCase.setup?.(workspace);
      const before = hashTree(workspace.root);
      const listBefore = listTree(workspace.root);
      const run = await runCli(badCase.args(workspace), {
        cwd: workspace.root,
        env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: NOWHERE, ...badCase.env },
        ...(badCase.stdin !== undefined && { stdin: badCase.stdin }),
      });
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(run.stderr).not.toMatch(/\n\s+at |Error: |Maximum call stack/);
      expect({ code: run.code, lines }).toMatchObject({
        code: badCase.code,
        lines: [expect.stringMatching(/^datasynth: /)],
      });
      expect(lines[0]).toMatch(badCase.message);
      expect(run.stdout).toBe('');
      expect(`${run.stdout}${run.stderr}`).not.toContain(SENTINEL_KEY);
      expect(hashTree(workspace.root)).toEqual(before);
      expect(listTree(workspace.root)).toEqual(listBefore);
      badCase.after?.(workspace);
    });
  }
});

describe('hostile but valid inputs end', () => {
  it('a 200 KB one-word seed is estimated (--dry-run) and the command ends', async () => {
    const workspace = makeWorkspace('datasynth-long-');
    fs.writeFileSync(
      path.join(workspace.root, 'schema.json'),
      '{"fields":[{"name":"text","type":"string"}]}',
    );
    fs.writeFileSync(
      path.join(workspace.root, 'long.jsonl'),
      `${JSON.stringify({ text: 'a'.repeat(200_000) })}\n`,
    );
    // Bounded by the timeout, not timed: byte-pair merging of one 200 KB piece took over 100 s.
    const run = await runCli(
      ['create', 'schema.json', 'long.jsonl', '-o', 'out.json', '--dry-run', '-n', '5'],
      {
        cwd: workspace.root,
        env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: NOWHERE },
        timeoutMs: 240_000,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\$/);
    expect(fs.existsSync(path.join(workspace.root, 'out.json'))).toBe(false);
  }, 300_000);
});
