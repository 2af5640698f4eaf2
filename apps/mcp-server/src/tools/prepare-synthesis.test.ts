import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, makeRoot, scrubProviderEnv, snapshot, textOf } from '../../test/harness.js';

scrubProviderEnv();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function setup() {
  const root = fs.realpathSync(makeRoot());
  const { client, close } = await connect({ root, env: {} });
  closers.push(close);
  return { root, client };
}

describe('tools/list', () => {
  it('lists every tool with input and output schemas, read-only hints on the tools that only read', async () => {
    const { client } = await setup();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'cancel_synthesis',
      'convert_data',
      'estimate_synthesis_cost',
      'parse_synthesis_result',
      'prepare_synthesis',
      'synthesis_stats',
      'synthesis_status',
      'synthesize_data',
      'validate_data',
    ]);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      // Unknown arguments are refused, and the schema says so to hosts that check before calling.
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const readOnly = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name);
    expect(readOnly.sort()).toEqual([
      'estimate_synthesis_cost',
      'prepare_synthesis',
      'synthesis_stats',
      'synthesis_status',
      'validate_data',
    ]);
    const synthesize = tools.find((tool) => tool.name === 'synthesize_data');
    expect(Object.keys(synthesize?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'resume',
        'max_cost',
        'format',
        'model',
        'provider',
        'count',
        'data_type',
        'output_path',
        'overwrite',
        'base_url',
        'temperature',
        'batch_size',
        'concurrency',
        'max_retries',
        'timeout_ms',
        'rpm',
        'tpm',
      ]),
    );
  });

  it('refuses an unknown argument in one line that lists the accepted ones, touching nothing', async () => {
    const { root, client } = await setup();
    const before = snapshot(root);
    const result = await call(client, 'prepare_synthesis', { analysis_dir: 'belle', concurrency: 1 });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(
      'Unknown argument concurrency. Accepted: analysis_dir, schema_path, seeds_path, count,',
    );
    expect(text.split('\n')).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('prepare_synthesis', () => {
  it('builds the Chinese prompt for the BELLE folder and says how to hand back the reply', async () => {
    const { root, client } = await setup();
    const before = snapshot(root);
    const result = await call(client, 'prepare_synthesis', { analysis_dir: 'belle', count: 3 });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as Record<string, unknown>;
    expect(structured).toMatchObject({
      count: 3,
      language: 'zh',
      data_type: 'instruction',
      seed_count: 50,
      examples_shown: 3,
      next_step: { tool: 'parse_synthesis_result', arguments: { analysis_dir: path.join(root, 'belle') } },
    });
    const prompt = structured.prompt as string;
    for (const field of ['instruction', 'input', 'output', 'category'])
      expect(prompt).toContain(`\`${field}\``);
    expect(prompt).toContain('3 条');
    const text = textOf(result);
    expect(text).toContain(prompt);
    expect(text).toContain('parse_synthesis_result');
    expect(text).toContain(path.join(root, 'belle', '11_合成数据', 'synthetic.json'));
    expect(snapshot(root)).toEqual(before);
  });

  it('shows a sample of the seeds (examples), and says how many of how many', async () => {
    const { client } = await setup();
    const result = await call(client, 'prepare_synthesis', { analysis_dir: 'belle', count: 3, examples: 7 });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { prompt: string; examples_shown: number };
    expect(structured.examples_shown).toBe(7);
    expect(structured.prompt).toContain('以下是数据集 50 条种子记录中的 7 条样例');
    // The examples are the prompt's last JSON block (the first one is the reply's shape).
    const blocks = [...structured.prompt.matchAll(/```json\n\[\n([\s\S]*?)\n\]\n```/g)];
    expect(blocks.at(-1)?.[1]?.split('\n')).toHaveLength(7);
    expect(textOf(result)).toContain('it shows 7 of the 50 seed records as examples');
    const bad = await call(client, 'prepare_synthesis', { analysis_dir: 'belle', examples: 0 });
    expect(bad.isError).toBe(true);
  });

  it('takes schema_path and seeds_path, and asks for an output_path to save to', async () => {
    const { root, client } = await setup();
    const result = await call(client, 'prepare_synthesis', {
      schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
      seeds_path: 'belle/09_样例数据/samples.json',
      count: 5,
      language: 'en',
    });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      language: string;
      next_step: { arguments: Record<string, string> };
    };
    expect(structured.language).toBe('en');
    expect(structured.next_step.arguments).toEqual({
      schema_path: path.join(root, 'belle/04_复刻指南/DATA_SCHEMA.json'),
      seeds_path: path.join(root, 'belle/09_样例数据/samples.json'),
    });
    expect(textOf(result)).toContain('output_path = the file to save to');
  });

  it('answers bad inputs with one-line errors and writes nothing', async () => {
    const { root, client } = await setup();
    const before = snapshot(root);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ analysis_dir: 'missing' }, /DataRecipe folder not found/],
      [{ analysis_dir: 'belle', schema_path: 'x.json' }, /either analysis_dir, or schema_path/],
      [{}, /Say what to learn the data shape from/],
      [{ analysis_dir: '../' }, /is outside the server root: refused/],
      [{ analysis_dir: 'belle', count: 0 }, /count/],
      [
        { analysis_dir: 'belle', output_path: '/etc/out.json' },
        /output_path '\/etc\/out.json' is outside the server root/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await call(client, 'prepare_synthesis', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(message);
      expect(textOf(result).split('\n')).toHaveLength(1);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses a DataRecipe folder whose seed file is a symlink out of the root', async () => {
    const { root, client } = await setup();
    const outside = makeRoot('datasynth-outside-');
    const samples = path.join(root, 'belle', '09_样例数据', 'samples.json');
    fs.rmSync(samples);
    fs.symlinkSync(path.join(outside, 'belle', '09_样例数据', 'samples.json'), samples);
    const result = await call(client, 'prepare_synthesis', { analysis_dir: 'belle' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /09_样例数据\/samples.json.*leads outside the server root through a symlink/,
    );
  });
});
