import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertFile } from './convert-file.js';
import { OutputError } from './output-error.js';
import { readRecordsFile } from './read-records-file.js';
import { writeOutput } from './write-output.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-convert-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const belleSamples = path.resolve(
  import.meta.dirname,
  '../../../../examples/datarecipe-belle-zh/09_样例数据/samples.json',
);

let counter = 0;
function target(name: string): string {
  counter += 1;
  return path.join(root, `case-${counter}`, name);
}

function readJsonl(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('convertFile', () => {
  it('exports the bundled Self-Instruct seeds (nested instances) to alpaca and sharegpt, one example per instance', async () => {
    const seeds = path.resolve(import.meta.dirname, '../../../../examples/self-instruct/seeds.jsonl');
    const records = readJsonl(seeds) as {
      instruction: string;
      instances: { input: string; output: string }[];
    }[];
    const instances = records.reduce((sum, record) => sum + record.instances.length, 0);
    const alpacaFile = target('self-instruct.alpaca.json');
    const alpaca = await convertFile({ input: seeds, output: alpacaFile, format: 'alpaca' });
    expect(alpaca.count).toBe(instances);
    expect(alpaca.warnings).toEqual([
      "The alpaca format has no place for 'name', 'is_classification': left out of every record. Write the json or jsonl format to keep them.",
      `${records.length} record(s) held a list of examples in 'instances': written as ${instances} alpaca examples, one per item.`,
    ]);
    const first = records[0]!;
    expect(JSON.parse(fs.readFileSync(alpacaFile, 'utf8'))[0]).toEqual({
      instruction: first.instruction,
      input: first.instances[0]!.input,
      output: first.instances[0]!.output,
    });
    const sharegptFile = target('self-instruct.sharegpt.jsonl');
    const sharegpt = await convertFile({ input: seeds, output: sharegptFile, format: 'sharegpt' });
    expect(sharegpt.count).toBe(instances);
    expect(readJsonl(sharegptFile)[0]).toEqual({
      conversations: [
        {
          from: 'human',
          value: first.instances[0]!.input
            ? `${first.instruction}\n\n${first.instances[0]!.input}`
            : first.instruction,
        },
        { from: 'gpt', value: first.instances[0]!.output },
      ],
    });
  });

  it('refuses an output that is a folder or a FIFO, even with overwrite, and a mismatched extension', async () => {
    const folder = target('folder');
    fs.mkdirSync(folder, { recursive: true });
    await expect(
      convertFile({ input: belleSamples, output: folder, format: 'json', overwrite: true }),
    ).rejects.toMatchObject({
      code: 'invalid_target',
    });
    await expect(
      convertFile({ input: belleSamples, output: target('x.jsonl'), format: 'alpaca' }),
    ).rejects.toMatchObject({
      code: 'format_mismatch',
    });
    await expect(
      convertFile({ input: '/dev/zero', output: target('z.jsonl'), format: 'jsonl' }),
    ).rejects.toMatchObject({
      code: 'unreadable',
      message: 'Cannot read records file /dev/zero: it is a character device, not a regular file.',
    });
  });

  it('converts a DataRecipe envelope to alpaca, guessing the instruction roles from the fields', async () => {
    const output = target('belle.alpaca.json');
    const result = await convertFile({ input: belleSamples, output, format: 'alpaca' });
    expect(result).toEqual({
      count: 50,
      warnings: [
        "The alpaca format has no place for 'category': left out of every record. Write the json or jsonl format to keep it.",
      ],
    });
    const alpaca = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(alpaca[0]).toEqual({
      instruction: '请以下面词语为主题写一首诗',
      input: '夏天',
      output: '不但春妍夏亦佳，随缘花草是生涯。\n鹿葱解插纤长柄，金凤仍开最小花。',
    });
  });

  it('keeps envelope ids, metadata and schema when converting to json', async () => {
    const input = target('synthetic.json');
    await writeOutput({
      path: input,
      format: 'json',
      entries: [
        { id: 'SYNTH_0003', data: { q: '一', a: '壹' } },
        { id: 'SYNTH_0009', data: { q: '二', a: '贰' } },
      ],
      schema: { fields: [{ name: 'q' }, { name: 'a' }], project_name: 'numbers' },
      dataType: 'generic',
      metadata: { model: 'gpt-5-mini' },
    });
    const jsonl = target('numbers.jsonl');
    await convertFile({ input, output: jsonl, format: 'jsonl' });
    const back = target('numbers.json');
    await convertFile({ input, output: back, format: 'json' });
    expect(readJsonl(jsonl)).toEqual([
      { q: '一', a: '壹' },
      { q: '二', a: '贰' },
    ]);
    expect(JSON.parse(fs.readFileSync(back, 'utf8'))).toEqual(JSON.parse(fs.readFileSync(input, 'utf8')));
  });

  it('numbers records of a JSONL input and infers a schema for the envelope', async () => {
    const input = target('plain.jsonl');
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.writeFileSync(input, '{"name":"苹果","price":3}\n{"name":"香蕉","price":2.5,"tags":["黄"]}\n');
    const output = target('plain.json');
    await convertFile({ input, output, format: 'json' });
    const envelope = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(envelope.schema).toEqual({
      fields: [
        { name: 'name', type: 'string' },
        { name: 'price', type: 'integer' },
        { name: 'tags', type: 'array' },
      ],
    });
    expect(envelope.samples.map((sample: { id: string }) => sample.id)).toEqual(['SYNTH_0001', 'SYNTH_0002']);
  });

  it('converts ShareGPT conversations to openai messages and alpaca with history', async () => {
    const input = target('chat.sharegpt.jsonl');
    fs.mkdirSync(path.dirname(input), { recursive: true });
    const conversation = [
      { from: 'human', value: '你好' },
      { from: 'gpt', value: '你好！' },
      { from: 'human', value: '讲个笑话' },
      { from: 'gpt', value: '好的……' },
    ];
    fs.writeFileSync(input, `${JSON.stringify({ conversations: conversation })}\n`);
    const openai = target('chat.openai.jsonl');
    await convertFile({ input, output: openai, format: 'openai' });
    expect(readJsonl(openai)).toEqual([
      {
        messages: [
          { role: 'user', content: '你好' },
          { role: 'assistant', content: '你好！' },
          { role: 'user', content: '讲个笑话' },
          { role: 'assistant', content: '好的……' },
        ],
      },
    ]);
    const alpaca = target('chat.alpaca.json');
    await convertFile({ input: openai, output: alpaca, format: 'alpaca' });
    expect(JSON.parse(fs.readFileSync(alpaca, 'utf8'))).toEqual([
      { instruction: '讲个笑话', input: '', output: '好的……', history: [['你好', '你好！']] },
    ]);
  });

  it('refuses to overwrite an existing output unless asked, before reading the input', async () => {
    const output = target('exists.jsonl');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, 'keep me\n');
    const error = await convertFile({
      input: path.join(root, 'missing.json'),
      output,
      format: 'jsonl',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toMatchObject({ code: 'exists', path: output });
    expect((error as Error).message).toContain('overwrite');
    expect(fs.readFileSync(output, 'utf8')).toBe('keep me\n');

    const result = await convertFile({ input: belleSamples, output, format: 'jsonl', overwrite: true });
    expect(result.count).toBe(50);
    expect(await readRecordsFile(output)).toHaveLength(50);
  });

  it('converts a file onto itself when overwrite is set', async () => {
    const file = target('inplace.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"question":"1+1?","answer":"2"}\n');
    await convertFile({ input: file, output: file, format: 'openai', overwrite: true });
    expect(readJsonl(file)).toEqual([
      {
        messages: [
          { role: 'user', content: '1+1?' },
          { role: 'assistant', content: '2' },
        ],
      },
    ]);
  });

  it('fails clearly when the input cannot be mapped to the format, writing nothing', async () => {
    const input = target('prices.jsonl');
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.writeFileSync(input, '{"name":"苹果","price":3}\n');
    const output = target('prices.sharegpt.jsonl');
    await expect(convertFile({ input, output, format: 'sharegpt' })).rejects.toMatchObject({
      code: 'unmappable',
      message: expect.stringContaining('(fields: name, price)'),
    });
    expect(fs.existsSync(output)).toBe(false);
  });
});
