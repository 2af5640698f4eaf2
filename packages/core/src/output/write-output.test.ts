import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataType } from '@datasynth/prompts';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeJsonl } from '../../test/helpers.js';
import type { RecordEntry } from '../records/record-entry.js';
import { OutputError } from './output-error.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output-format.js';
import { writeOutput } from './write-output.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-write-output-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function target(name: string): string {
  counter += 1;
  return path.join(root, `case-${counter}`, '11_合成数据', name);
}

const fields = (...names: string[]) => ({ fields: names.map((name) => ({ name, type: 'string' })) });

/** One small dataset per data type, with what each format must contain. */
const datasets: Record<
  DataType,
  {
    schema: ReturnType<typeof fields>;
    entries: RecordEntry[];
    expected: Partial<Record<OutputFormat, unknown[]>>;
  }
> = {
  instruction: {
    schema: fields('instruction', 'input', 'output'),
    entries: [
      {
        id: 'SYNTH_0001',
        data: { instruction: '请以下面词语为主题写一首诗', input: '夏天', output: '不但春妍夏亦佳' },
      },
      { id: 'SYNTH_0002', data: { instruction: '给出三个水果', input: '', output: '苹果' } },
    ],
    expected: {
      alpaca: [
        { instruction: '请以下面词语为主题写一首诗', input: '夏天', output: '不但春妍夏亦佳' },
        { instruction: '给出三个水果', input: '', output: '苹果' },
      ],
      sharegpt: [
        {
          conversations: [
            { from: 'human', value: '请以下面词语为主题写一首诗\n\n夏天' },
            { from: 'gpt', value: '不但春妍夏亦佳' },
          ],
        },
        {
          conversations: [
            { from: 'human', value: '给出三个水果' },
            { from: 'gpt', value: '苹果' },
          ],
        },
      ],
      openai: [
        {
          messages: [
            { role: 'user', content: '请以下面词语为主题写一首诗\n\n夏天' },
            { role: 'assistant', content: '不但春妍夏亦佳' },
          ],
        },
        {
          messages: [
            { role: 'user', content: '给出三个水果' },
            { role: 'assistant', content: '苹果' },
          ],
        },
      ],
    },
  },
  preference: {
    schema: fields('prompt', 'chosen', 'rejected'),
    entries: [
      {
        id: 'SYNTH_0001',
        data: { prompt: '解释下雨', chosen: '水汽凝结成水滴落下。', rejected: '天在哭。' },
      },
    ],
    expected: {
      alpaca: [{ instruction: '解释下雨', input: '', output: '水汽凝结成水滴落下。' }],
      sharegpt: [
        {
          conversations: [
            { from: 'human', value: '解释下雨' },
            { from: 'gpt', value: '水汽凝结成水滴落下。' },
          ],
        },
      ],
      openai: [
        {
          messages: [
            { role: 'user', content: '解释下雨' },
            { role: 'assistant', content: '水汽凝结成水滴落下。' },
          ],
        },
      ],
    },
  },
  'multi-turn': {
    schema: fields('conversation'),
    entries: [
      {
        id: 'SYNTH_0001',
        data: {
          conversation: [
            { role: 'user', content: '你好' },
            { role: 'assistant', content: '你好！' },
            { role: 'user', content: '再见' },
            { role: 'assistant', content: '再见！' },
          ],
        },
      },
    ],
    expected: {
      alpaca: [{ instruction: '再见', input: '', output: '再见！', history: [['你好', '你好！']] }],
      sharegpt: [
        {
          conversations: [
            { from: 'human', value: '你好' },
            { from: 'gpt', value: '你好！' },
            { from: 'human', value: '再见' },
            { from: 'gpt', value: '再见！' },
          ],
        },
      ],
      openai: [
        {
          messages: [
            { role: 'user', content: '你好' },
            { role: 'assistant', content: '你好！' },
            { role: 'user', content: '再见' },
            { role: 'assistant', content: '再见！' },
          ],
        },
      ],
    },
  },
  generic: {
    schema: fields('名称', 'price'),
    entries: [
      { id: 'SYNTH_0001', data: { 名称: '苹果', price: 3 } },
      { id: 'SYNTH_0002', data: { 名称: '香蕉', price: 2.5 } },
    ],
    expected: {},
  },
};

describe('writeOutput', () => {
  for (const [dataType, dataset] of Object.entries(datasets) as [DataType, (typeof datasets)[DataType]][]) {
    describe(dataType, () => {
      it('json: writes the DataRecipe envelope with metadata, schema and ids', async () => {
        const file = target('synthetic.json');
        const result = await writeOutput({
          path: file,
          format: 'json',
          entries: dataset.entries,
          schema: dataset.schema,
          dataType,
          metadata: { model: 'claude-sonnet-4-5', generated_count: dataset.entries.length },
        });
        expect(result).toEqual({ path: file, count: dataset.entries.length, warnings: [] });
        expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
          metadata: { model: 'claude-sonnet-4-5', generated_count: dataset.entries.length },
          schema: dataset.schema,
          samples: dataset.entries.map((entry) => ({ id: entry.id, data: entry.data, synthetic: true })),
        });
      });

      it('jsonl: writes one record per line', async () => {
        const file = target('synthetic.jsonl');
        const result = await writeOutput({
          path: file,
          format: 'jsonl',
          entries: dataset.entries,
          schema: dataset.schema,
          dataType,
          metadata: {},
        });
        expect(result.count).toBe(dataset.entries.length);
        expect(readWholeJsonl(file)).toEqual(dataset.entries.map((entry) => entry.data));
      });

      for (const format of ['alpaca', 'sharegpt', 'openai'] as const) {
        const expected = dataset.expected[format];
        it(`${format}: ${expected ? 'maps every record' : 'refuses, listing the fields, and writes nothing'}`, async () => {
          const file = target(format === 'alpaca' ? 'alpaca.json' : `${format}.jsonl`);
          const options = {
            path: file,
            format,
            entries: dataset.entries,
            schema: dataset.schema,
            dataType,
            metadata: {},
          };
          if (expected === undefined) {
            const error = await writeOutput(options).catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(OutputError);
            expect(error).toMatchObject({ code: 'unmappable' });
            expect((error as Error).message).toContain('(fields: 名称, price)');
            expect((error as Error).message).toContain('jsonl');
            expect(fs.existsSync(path.dirname(file))).toBe(false);
            return;
          }
          const result = await writeOutput(options);
          expect(result.count).toBe(expected.length);
          const written =
            format === 'alpaca' ? JSON.parse(fs.readFileSync(file, 'utf8')) : readWholeJsonl(file);
          expect(written).toEqual(expected);
        });
      }
    });
  }

  it('streams json and alpaca byte for byte as JSON.stringify(value, null, 2) would, at any size', async () => {
    for (const size of [0, 1, 4000]) {
      const entries: RecordEntry[] = Array.from({ length: size }, (_, index) => ({
        id: `SYNTH_${index}`,
        data: {
          instruction: `指令 ${index}`,
          input: index % 2 === 0 ? '' : '输入\n第二行',
          output: 'x'.repeat(300),
          n: [index, { deep: true }],
        },
      }));
      const schema = {
        fields: [{ name: 'instruction' }, { name: 'input' }, { name: 'output' }],
        nested: { a: [1, {}] },
      };
      const metadata = { model: 'm', usage: { inputTokens: 1 }, empty: {}, list: [] };
      const json = target('big.json');
      await writeOutput({ path: json, format: 'json', entries, schema, dataType: 'instruction', metadata });
      const samples = entries.map((entry) => ({ id: entry.id, data: entry.data, synthetic: true }));
      expect(fs.readFileSync(json, 'utf8')).toBe(
        `${JSON.stringify({ metadata, schema, samples }, null, 2)}\n`,
      );

      const alpaca = target('big.alpaca.json');
      await writeOutput({
        path: alpaca,
        format: 'alpaca',
        entries,
        schema,
        dataType: 'instruction',
        metadata,
      });
      const mapped = entries.map((entry) => ({
        instruction: entry.data.instruction,
        input: entry.data.input,
        output: entry.data.output,
      }));
      expect(fs.readFileSync(alpaca, 'utf8')).toBe(`${JSON.stringify(mapped, null, 2)}\n`);
    }
  });

  it('keeps CJK text unescaped in every format', async () => {
    for (const format of OUTPUT_FORMATS) {
      const file = target(`cjk-${format}`);
      await writeOutput({
        path: file,
        format,
        entries: datasets.instruction.entries,
        schema: datasets.instruction.schema,
        dataType: 'instruction',
        metadata: { 说明: '中文元数据' },
      });
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain('请以下面词语为主题写一首诗');
      expect(text).not.toMatch(/\\u[0-9a-f]{4}/i);
    }
  });

  it('replaces an existing output atomically, leaving no temp files', async () => {
    const file = target('synthetic.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'previous run');
    await writeOutput({
      path: file,
      format: 'json',
      entries: datasets.instruction.entries,
      schema: datasets.instruction.schema,
      dataType: 'instruction',
      metadata: {},
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['synthetic.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).samples).toHaveLength(2);
  });

  it('keeps non-sequential ids and extra entry keys (e.g. a judge verdict) in the envelope', async () => {
    const file = target('synthetic.json');
    await writeOutput({
      path: file,
      format: 'json',
      entries: [
        { id: 'SYNTH_0007', data: { q: 'a' }, judge: { score: 0.9 } },
        { id: 'SAMPLE_001', data: { q: 'b' } },
      ],
      schema: fields('q'),
      dataType: 'generic',
      metadata: {},
    });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).samples).toEqual([
      { id: 'SYNTH_0007', data: { q: 'a' }, synthetic: true, judge: { score: 0.9 } },
      { id: 'SAMPLE_001', data: { q: 'b' }, synthetic: true },
    ]);
  });

  it('embeds the schema document as written (DataRecipe scoring_rubric kept), ours beside it, and fills identifiers', async () => {
    const document = {
      dataset_id: 'demo',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'rank', type: 'integer' },
        { name: 'text', type: 'string' },
      ],
      scoring_rubric: [{ score: 1, label: '优秀', description: '好' }],
    };
    const schema = {
      fields: [{ name: 'text', type: 'string' }],
      identifiers: [
        { name: 'id', type: 'string' },
        { name: 'rank', type: 'integer' },
      ],
      document,
      source: 'datarecipe',
    };
    const entries: RecordEntry[] = [
      { id: 'SYNTH_0001', data: { text: 'a' } },
      { id: 'SYNTH_0012', data: { id: 'made-up', text: 'b' } },
    ];
    const json = target('synthetic.json');
    await writeOutput({ path: json, format: 'json', entries, schema, dataType: 'generic', metadata: {} });
    const envelope = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(envelope.schema).toEqual(document);
    expect(envelope.datasynth_schema).toEqual({
      fields: schema.fields,
      identifiers: schema.identifiers,
      source: 'datarecipe',
    });
    expect(envelope.samples.map((sample: { data: unknown }) => sample.data)).toEqual([
      { id: 'SYNTH_0001', rank: 1, text: 'a' },
      { id: 'SYNTH_0012', rank: 12, text: 'b' },
    ]);
    const jsonl = target('synthetic.jsonl');
    await writeOutput({ path: jsonl, format: 'jsonl', entries, schema, dataType: 'generic', metadata: {} });
    expect(fs.readFileSync(jsonl, 'utf8').split('\n')[0]).toBe('{"id":"SYNTH_0001","rank":1,"text":"a"}');
  });

  it('never writes credential-like metadata, and says what it left out', async () => {
    const file = target('synthetic.json');
    const result = await writeOutput({
      path: file,
      format: 'json',
      entries: [],
      schema: fields('q'),
      dataType: 'generic',
      metadata: {
        provider: 'anthropic',
        apiKey: 'sk-ant-secret-123',
        settings: { api_key: 'sk-456', Authorization: 'Bearer x', baseURL: 'http://127.0.0.1' },
        usage: { inputTokens: 10, cacheReadTokens: 2 },
      },
    });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('sk-');
    expect(text).not.toContain('Bearer');
    expect(JSON.parse(text).metadata).toEqual({
      provider: 'anthropic',
      settings: { baseURL: 'http://127.0.0.1' },
      usage: { inputTokens: 10, cacheReadTokens: 2 },
    });
    expect(result.warnings).toEqual([
      'Left out metadata that looked like credentials: apiKey, settings.api_key, settings.Authorization.',
    ]);
    expect(result.warnings.join(' ')).not.toContain('sk-');
  });

  it('warns once that preference formats drop the rejected response', async () => {
    const result = await writeOutput({
      path: target('pref.jsonl'),
      format: 'openai',
      entries: [
        ...datasets.preference.entries,
        { id: 'SYNTH_0002', data: { prompt: 'p', chosen: 'c', rejected: 'r' } },
      ],
      schema: datasets.preference.schema,
      dataType: 'preference',
      metadata: {},
    });
    expect(result.count).toBe(2);
    expect(result.warnings).toEqual([
      "The openai format keeps only the chosen response; the 'rejected' field was left out. Write the json or jsonl format to keep it.",
    ]);
  });

  it('leaves out records that cannot be mapped, naming them in a warning', async () => {
    const file = target('chat.json');
    const result = await writeOutput({
      path: file,
      format: 'alpaca',
      entries: [
        ...datasets['multi-turn'].entries,
        { id: 'SYNTH_0002', data: { conversation: [{ role: 'user', content: 'only a question' }] } },
        {
          id: 'SYNTH_0003',
          data: {
            conversation: [
              { role: 'user', content: 'q' },
              { role: 'assistant', content: 'a' },
              { role: 'user', content: 'unanswered' },
            ],
          },
        },
      ],
      schema: datasets['multi-turn'].schema,
      dataType: 'multi-turn',
      metadata: {},
    });
    expect(result.count).toBe(2);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toHaveLength(2);
    expect(result.warnings).toEqual([
      '1 conversation(s) ended after the last assistant reply; alpaca has no place for those turns, so they were left out.',
      '1 record(s) could not be written as alpaca and were left out (SYNTH_0002); first problem: SYNTH_0002: the conversation has no assistant reply. Write the json or jsonl format to keep them.',
    ]);
  });

  it('refuses a format whose layout contradicts the extension, before writing anything', async () => {
    for (const [name, format] of [
      ['x.jsonl', 'alpaca'],
      ['x.jsonl', 'json'],
      ['x.json', 'sharegpt'],
      ['x.json', 'openai'],
    ] as const) {
      const file = target(name);
      const options = { path: file, format, entries: [], schema: fields('q'), dataType: 'generic' as const };
      await expect(writeOutput({ ...options, metadata: {} })).rejects.toMatchObject({
        code: 'format_mismatch',
      });
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('refuses an unknown format before writing anything', async () => {
    const file = target('x.txt');
    await expect(
      writeOutput({
        path: file,
        format: 'csv' as OutputFormat,
        entries: [],
        schema: fields('q'),
        dataType: 'generic',
        metadata: {},
      }),
    ).rejects.toMatchObject({ code: 'unsupported_format' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a write failure as an OutputError naming the file', async () => {
    const directory = target('blocked');
    fs.mkdirSync(directory, { recursive: true });
    await expect(
      writeOutput({
        path: directory,
        format: 'jsonl',
        entries: [],
        schema: fields('q'),
        dataType: 'generic',
        metadata: {},
      }),
    ).rejects.toMatchObject({ code: 'io', path: directory });
  });
});
