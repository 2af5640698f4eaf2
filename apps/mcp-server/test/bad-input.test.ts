import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, connect, makeRoot, SENTINEL_KEY, scrubProviderEnv, textOf } from './harness.js';

scrubProviderEnv();

/** One hostile tool call, and what its one-line error must say. */
interface BadCall {
  name: string;
  tool: string;
  args: Record<string, unknown>;
  /** Files (relative to the root) and special files to make first. */
  setup?: (root: string) => void;
  message: RegExp;
}

const SCHEMA = 'belle/04_复刻指南/DATA_SCHEMA.json';
const SEEDS = 'belle/09_样例数据/samples.json';
const fifo = (name: string) => (root: string) => execFileSync('mkfifo', [path.join(root, name)]);
const deepSchema = (levels: number) =>
  `${'{"type":"object","properties":{"x":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;

const CASES: BadCall[] = [
  {
    name: 'synthesize_data onto its own seeds with overwrite',
    tool: 'synthesize_data',
    args: { schema_path: SCHEMA, seeds_path: SEEDS, output_path: SEEDS, overwrite: true, count: 2 },
    message: /is the run's seeds file .*samples\.json: writing there would destroy it/,
  },
  {
    name: 'synthesize_data onto a symbolic link to the schema',
    tool: 'synthesize_data',
    setup: (root) => fs.symlinkSync(path.join(root, SCHEMA), path.join(root, 'link.json')),
    args: { schema_path: SCHEMA, seeds_path: SEEDS, output_path: 'link.json', overwrite: true, count: 2 },
    message: /is the run's schema file/,
  },
  {
    name: 'synthesize_data onto a folder with overwrite',
    tool: 'synthesize_data',
    setup: (root) => fs.mkdirSync(path.join(root, 'results')),
    args: { analysis_dir: 'belle', output_path: 'results', overwrite: true, count: 2 },
    message: /results is a folder: give a file path/,
  },
  {
    name: 'synthesize_data onto a FIFO with overwrite',
    tool: 'synthesize_data',
    setup: fifo('out.fifo'),
    args: { analysis_dir: 'belle', output_path: 'out.fifo', overwrite: true, count: 2 },
    message: /out\.fifo is a FIFO \(named pipe\), not a regular file/,
  },
  {
    name: 'synthesize_data from a FIFO as the seeds',
    tool: 'synthesize_data',
    setup: fifo('seeds.fifo'),
    args: { schema_path: SCHEMA, seeds_path: 'seeds.fifo', output_path: 'out.json', count: 2 },
    message: /seeds\.fifo: it is a FIFO/,
  },
  {
    name: 'synthesize_data with a schema nested 10,000 levels deep',
    tool: 'synthesize_data',
    setup: (root) => fs.writeFileSync(path.join(root, 'deep.json'), deepSchema(10_000)),
    args: { schema_path: 'deep.json', seeds_path: SEEDS, output_path: 'out.json', count: 2 },
    message: /the schema nests deeper than 100 levels/,
  },
  {
    name: 'synthesize_data with Latin-1 seeds',
    tool: 'synthesize_data',
    setup: (root) =>
      fs.writeFileSync(
        path.join(root, 'latin1.jsonl'),
        Buffer.from('{"instruction":"caf\xe9","input":"","output":"x","category":"y"}\n', 'latin1'),
      ),
    args: { schema_path: SCHEMA, seeds_path: 'latin1.jsonl', output_path: 'out.json', count: 2 },
    message: /latin1\.jsonl is not UTF-8 text/,
  },
  {
    name: 'synthesize_data as alpaca into a .jsonl file',
    tool: 'synthesize_data',
    args: { analysis_dir: 'belle', output_path: 'out.jsonl', format: 'alpaca', count: 2 },
    message: /alpaca format is one JSON document/,
  },
  {
    name: 'estimate_synthesis_cost from a FIFO',
    tool: 'estimate_synthesis_cost',
    setup: fifo('est.fifo'),
    args: { schema_path: SCHEMA, seeds_path: 'est.fifo', count: 2 },
    message: /est\.fifo: it is a FIFO/,
  },
  {
    name: 'convert_data onto a FIFO with overwrite',
    tool: 'convert_data',
    setup: fifo('converted.fifo'),
    args: { input_path: SEEDS, output_path: 'converted.fifo', format: 'jsonl', overwrite: true },
    message: /converted\.fifo is a FIFO/,
  },
  {
    name: 'convert_data as sharegpt into a .json file',
    tool: 'convert_data',
    args: { input_path: SEEDS, output_path: 'x.json', format: 'sharegpt' },
    message: /sharegpt format is JSON Lines/,
  },
  {
    name: 'parse_synthesis_result into its own seeds',
    tool: 'parse_synthesis_result',
    args: {
      schema_path: SCHEMA,
      seeds_path: SEEDS,
      output_path: SEEDS,
      response_text: '[{"instruction":"a","input":"","output":"b","category":"generation"}]',
    },
    message: /is the run's seeds file/,
  },
  {
    name: 'validate_data of a FIFO',
    tool: 'validate_data',
    setup: fifo('data.fifo'),
    args: { data_path: 'data.fifo', schema_path: SCHEMA },
    message: /data\.fifo: it is a FIFO/,
  },
];

/** Every entry under `dir` with its kind, and the hash of each regular file. */
function state(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(dir, full);
      if (entry.isFIFO()) return `${relative} fifo`;
      if (entry.isSymbolicLink()) return `${relative} -> ${fs.readlinkSync(full)}`;
      if (entry.isDirectory()) return `${relative}/`;
      return `${relative} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    })
    .sort();
}

describe('MCP bad input: one-line tool error, no stack, no key, nothing changed', () => {
  it('has a case for every class of hostile input', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(13);
  });

  for (const badCall of CASES) {
    it(badCall.name, async () => {
      const root = fs.realpathSync(makeRoot('datasynth-mcp-bad-'));
      badCall.setup?.(root);
      const before = state(root);
      const { client, close } = await connect({
        root,
        env: { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
      });
      const result = await call(client, badCall.tool, badCall.args).finally(close);
      const text = textOf(result);
      expect(result.isError).toBe(true);
      expect(text).toMatch(badCall.message);
      expect(text.trim().split('\n')).toHaveLength(1);
      expect(text).not.toMatch(/\n\s+at |Maximum call stack/);
      expect(JSON.stringify(result)).not.toContain(SENTINEL_KEY);
      expect(state(root)).toEqual(before);
    });
  }
});
