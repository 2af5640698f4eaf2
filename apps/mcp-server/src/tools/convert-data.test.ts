import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, makeRoot, scrubProviderEnv, textOf } from '../../test/harness.js';

scrubProviderEnv();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('convert_data', () => {
  it('converts records to Alpaca and refuses to replace the result without overwrite', async () => {
    const root = fs.realpathSync(makeRoot());
    const { client, close } = await connect({ root, env: {} });
    closers.push(close);
    const args = {
      input_path: 'belle/09_样例数据/samples.json',
      output_path: 'out/alpaca.json',
      format: 'alpaca',
    };
    const first = await call(client, 'convert_data', args);
    expect(first.isError).toBeFalsy();
    const output = path.join(root, 'out', 'alpaca.json');
    expect(first.structuredContent).toMatchObject({ output_path: output, format: 'alpaca', count: 50 });
    const records = JSON.parse(fs.readFileSync(output, 'utf8')) as Record<string, string>[];
    expect(records).toHaveLength(50);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(['input', 'instruction', 'output']);

    fs.writeFileSync(output, 'keep me');
    const refused = await call(client, 'convert_data', args);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/already exists/);
    expect(fs.readFileSync(output, 'utf8')).toBe('keep me');

    const replaced = await call(client, 'convert_data', { ...args, overwrite: true });
    expect(replaced.isError).toBeFalsy();
    expect(JSON.parse(fs.readFileSync(output, 'utf8'))).toHaveLength(50);

    const outside = await call(client, 'convert_data', { ...args, output_path: '../../alpaca.json' });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/outside the server root/);
  });
});
