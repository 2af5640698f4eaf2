import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BELLE_DIR,
  call,
  connect,
  makeRoot,
  scrubProviderEnv,
  snapshot,
  textOf,
} from '../../test/harness.js';

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

const firstSeed = (
  JSON.parse(fs.readFileSync(path.join(BELLE_DIR, '09_样例数据', 'samples.json'), 'utf8')) as {
    samples: { data: Record<string, unknown> }[];
  }
).samples[0]?.data;

function record(instruction: string, output: string, category = 'generation') {
  return { instruction, input: '', output, category };
}

function reply(records: unknown[]): string {
  return `好的，下面是生成的数据：\n\n\`\`\`json\n${JSON.stringify(records, null, 2)}\n\`\`\`\n\n希望对你有帮助。`;
}

describe('parse_synthesis_result', () => {
  it('validates, drops duplicates of seeds and saved records, and appends the rest across calls', async () => {
    const { root, client } = await setup();
    const first = await call(client, 'parse_synthesis_result', {
      analysis_dir: 'belle',
      response_text: reply([
        record(
          '写一段关于秋天银杏叶飘落的描写，要求使用比喻',
          '金黄的银杏叶像一群蝴蝶，在微凉的风里旋转着落向地面。',
        ),
        record(
          '把下面这句话翻译成英文：今天的会议推迟到下午三点',
          'Today’s meeting has been postponed to 3 p.m.',
        ),
        record('判断这句话的情感倾向：这家餐厅的服务太差了', '负面', 'poetry'),
        firstSeed,
      ]),
    });
    expect(first.isError).toBeFalsy();
    const output = path.join(root, 'belle', '11_合成数据', 'synthetic.json');
    expect(first.structuredContent).toMatchObject({
      parsed: 4,
      added: 2,
      invalid: 1,
      duplicates: { exact: 1, near: 0 },
      total: 2,
      output_path: output,
      issue_count: 2,
    });
    const issues = (first.structuredContent as { issues: string[] }).issues;
    expect(issues.some((issue) => issue.includes('category'))).toBe(true);
    expect(issues.some((issue) => issue.includes('duplicate of seed'))).toBe(true);
    expect(textOf(first)).toMatch(
      /^Saved 2 of 4 records to .*synthetic\.json \(2 in total\); 1 invalid, 1 duplicate\./,
    );

    const envelope = JSON.parse(fs.readFileSync(output, 'utf8')) as {
      samples: { id: string; data: unknown }[];
    };
    expect(envelope.samples.map((sample) => sample.id)).toEqual(['SYNTH_0001', 'SYNTH_0002']);

    const second = await call(client, 'parse_synthesis_result', {
      analysis_dir: 'belle',
      response_text: reply([
        record(
          '列出三种适合在阳台种植的蔬菜，并说明理由',
          '小番茄、生菜、辣椒：它们耐盆栽、日照需求适中、收获周期短。',
        ),
        record(
          '写一段关于秋天银杏叶飘落的描写，要求使用比喻',
          '金黄的银杏叶像一群蝴蝶，在微凉的风里旋转着落向地面。',
        ),
      ]),
    });
    expect(second.structuredContent).toMatchObject({
      parsed: 2,
      added: 1,
      duplicates: { exact: 1 },
      total: 3,
    });
    const grown = JSON.parse(fs.readFileSync(output, 'utf8')) as { samples: unknown[] };
    expect(grown.samples).toHaveLength(3);
  });

  it('writes JSONL to an explicit output_path when given a schema file only', async () => {
    const { root, client } = await setup();
    const result = await call(client, 'parse_synthesis_result', {
      schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
      output_path: 'out/records.jsonl',
      response_text: JSON.stringify([
        record('用一句话解释什么是光合作用', '植物利用光能把二氧化碳和水变成糖并放出氧气的过程。'),
      ]),
    });
    expect(result.isError).toBeFalsy();
    const lines = fs
      .readFileSync(path.join(root, 'out', 'records.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      record('用一句话解释什么是光合作用', '植物利用光能把二氧化碳和水变成糖并放出氧气的过程。'),
    ]);
  });

  it('refuses replies without records, missing output paths and paths out of the root, changing nothing', async () => {
    const { root, client } = await setup();
    const outside = fs.realpathSync(makeRoot('datasynth-outside-'));
    fs.symlinkSync(outside, path.join(root, 'escape'));
    const before = snapshot(root);
    const outsideBefore = snapshot(outside);
    const good = reply([record('写一首关于雨的短诗', '细雨敲窗夜未眠，灯前独坐听绵绵。')]);
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { analysis_dir: 'belle', response_text: '抱歉，我无法完成这个请求。' },
        /The reply holds no records to add/,
      ],
      [{ schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json', response_text: good }, /output_path is needed/],
      [{ analysis_dir: 'belle', response_text: good, output_path: '../x.json' }, /outside the server root/],
      [
        { analysis_dir: 'belle', response_text: good, output_path: path.join(outside, 'x.json') },
        /outside the server root/,
      ],
      [{ analysis_dir: 'belle', response_text: good, output_path: 'escape/x.json' }, /through a symlink/],
    ];
    for (const [args, message] of cases) {
      const result = await call(client, 'parse_synthesis_result', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect(snapshot(root)).toEqual(before);
    expect(snapshot(outside)).toEqual(outsideBefore);
  });
});
