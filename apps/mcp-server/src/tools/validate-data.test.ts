import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, makeRoot, scrubProviderEnv, textOf } from '../../test/harness.js';

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

describe('validate_data', () => {
  it('finds every seed of the BELLE folder valid against its own schema', async () => {
    const { client } = await setup();
    const result = await call(client, 'validate_data', {
      data_path: 'belle/09_样例数据/samples.json',
      analysis_dir: 'belle',
    });
    expect(result.structuredContent).toMatchObject({ total: 50, valid: 50, invalid: 0, all_valid: true });
    expect(textOf(result)).toMatch(/^All 50 records in .*samples\.json fit the schema\.$/);
  });

  it('lists the records that do not fit, with their issues', async () => {
    const { root, client } = await setup();
    const lines = [
      { instruction: '写一首诗', input: '', output: '春眠不觉晓', category: 'generation' },
      { instruction: '分类', input: '好', output: '正面', category: 'classification' },
      { instruction: '缺字段', input: '' },
      { instruction: '枚举外', input: '', output: 'x', category: 'poetry', extra: 1 },
    ];
    fs.writeFileSync(path.join(root, 'data.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n'));
    const result = await call(client, 'validate_data', {
      data_path: 'data.jsonl',
      schema_path: 'belle/04_复刻指南/DATA_SCHEMA.json',
    });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      total: number;
      invalid: number;
      all_valid: boolean;
      invalid_records: { record: number; issues: string[] }[];
    };
    expect(structured).toMatchObject({ total: 4, valid: 2, invalid: 2, all_valid: false });
    expect(structured.invalid_records.map((entry) => entry.record)).toEqual([3, 4]);
    expect(structured.invalid_records[0]?.issues.join(' ')).toMatch(/output/);
    expect(structured.invalid_records[1]?.issues.join(' ')).toMatch(/category/);
    expect(structured.invalid_records[1]?.issues.join(' ')).toMatch(/extra/);
    expect(textOf(result)).toContain('2 of 4 records in');
    expect(textOf(result)).toContain('- record 3:');
  });

  it('needs exactly one schema source, and refuses data outside the root', async () => {
    const { client } = await setup();
    const missing = await call(client, 'validate_data', { data_path: 'belle/09_样例数据/samples.json' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toBe(
      'Give the schema to validate against: schema_path or analysis_dir (one of them).',
    );
    const outside = await call(client, 'validate_data', { data_path: '/etc/hosts', analysis_dir: 'belle' });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/data_path '\/etc\/hosts' is outside the server root/);
  });
});
