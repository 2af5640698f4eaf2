import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectForTest,
  makeRoot,
  SENTINEL_KEY,
  scrubProviderEnv,
  snapshot,
  textOf,
} from '../../test/harness.js';

scrubProviderEnv();

const SEEDS = 'belle/09_样例数据/samples.json';
const SCHEMA = 'belle/04_复刻指南/DATA_SCHEMA.json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: 31 });
});
afterAll(async () => {
  await server.close();
});

async function setup() {
  const root = fs.realpathSync(makeRoot());
  const env = { ANTHROPIC_API_KEY: SENTINEL_KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL };
  const client = await connectForTest({ root, env });
  // The seeds file is the largest input every call below reads: one byte under it refuses, its size passes.
  const seedsBytes = fs.statSync(path.join(root, SEEDS)).size;
  return { root, client, seedsBytes };
}

/** A host model's reply holding one valid BELLE record. */
const REPLY = JSON.stringify([
  {
    instruction: '写一段关于秋天银杏叶的描写',
    input: '',
    output: '金黄的银杏叶像一群蝴蝶，在风里旋转着落向地面。',
    category: 'generation',
  },
]);

/** One call of each tool that reads input files, reading the seeds (or records) file. */
const CALLS: [tool: string, args: Record<string, unknown>][] = [
  ['validate_data', { data_path: SEEDS, schema_path: SCHEMA }],
  ['synthesis_stats', { data_path: SEEDS }],
  ['convert_data', { input_path: SEEDS, output_path: 'converted.jsonl', format: 'jsonl' }],
  ['prepare_synthesis', { schema_path: SCHEMA, seeds_path: SEEDS, count: 3 }],
  [
    'parse_synthesis_result',
    { schema_path: SCHEMA, seeds_path: SEEDS, output_path: 'parsed.jsonl', response_text: REPLY },
  ],
  ['estimate_synthesis_cost', { schema_path: SCHEMA, seeds_path: SEEDS, count: 5 }],
  ['synthesize_data', { schema_path: SCHEMA, seeds_path: SEEDS, count: 4, output_path: 'out.jsonl' }],
];

describe('max_input_bytes', () => {
  it.each(CALLS)(
    '%s refuses an input over a lowered limit in one line naming max_input_bytes, touching nothing',
    async (tool, args) => {
      const { root, client, seedsBytes } = await setup();
      const before = snapshot(root);
      const result = await call(client, tool, { ...args, max_input_bytes: seedsBytes - 1 });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text.split('\n')).toHaveLength(1);
      expect(text).toContain('samples.json');
      expect(text).toMatch(/over the .* input limit: check the path, or raise the max_input_bytes argument/);
      expect(text).not.toContain('maxInputBytes');
      expect(snapshot(root)).toEqual(before);
    },
  );

  it.each(CALLS)('%s reads the same input once the limit is raised to its size', async (tool, args) => {
    const { client, seedsBytes } = await setup();
    const result = await call(client, tool, { ...args, max_input_bytes: seedsBytes });
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it('synthesize_data under a raised limit writes the records', async () => {
    const { root, client, seedsBytes } = await setup();
    const result = await call(client, 'synthesize_data', {
      schema_path: SCHEMA,
      seeds_path: SEEDS,
      count: 4,
      output_path: 'out.jsonl',
      max_input_bytes: seedsBytes,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ generated_count: 4 });
    const lines = fs.readFileSync(path.join(root, 'out.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
  });

  it('is refused below 1 byte by the argument schema', async () => {
    const { client } = await setup();
    const result = await call(client, 'validate_data', {
      data_path: SEEDS,
      schema_path: SCHEMA,
      max_input_bytes: 0,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('max_input_bytes');
  });
});
