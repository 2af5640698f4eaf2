import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, makeRoot, scrubProviderEnv, textOf } from '../../test/harness.js';

scrubProviderEnv();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A server over a fresh root (the BELLE folder in it), with no provider key. */
async function connectKeyless() {
  const { client, close } = await connect({ root: fs.realpathSync(makeRoot()), env: {} });
  closers.push(close);
  return client;
}

describe('synthesis_stats', () => {
  it('describes the fields and diversity of a record file, against the seeds when given', async () => {
    const client = await connectKeyless();
    const result = await call(client, 'synthesis_stats', {
      data_path: 'belle/09_样例数据/samples.json',
      analysis_dir: 'belle',
    });
    expect(result.isError).toBeFalsy();
    const stats = result.structuredContent as {
      count: number;
      fields: { name: string; present: number; values?: { value: string; count: number }[] }[];
      diversity: {
        nearDuplicateRate: number;
        tooCloseToSeedRate?: number;
        distinct2: Record<string, number>;
      };
    };
    expect(stats.count).toBe(50);
    expect(stats.fields.map((field) => field.name)).toEqual(['instruction', 'input', 'output', 'category']);
    const category = stats.fields.find((field) => field.name === 'category');
    expect(category?.values?.reduce((sum, entry) => sum + entry.count, 0)).toBe(50);
    // The file is the seeds themselves: every record is as close to a seed as can be.
    expect(stats.diversity.tooCloseToSeedRate).toBe(1);
    expect(stats.diversity.distinct2.instruction).toBeGreaterThan(0);
    expect(textOf(result)).toContain('50 records, 4 fields');
    expect(textOf(result)).toContain('Too close to a seed: 100.0%');

    const alone = await call(client, 'synthesis_stats', { data_path: 'belle/09_样例数据/samples.json' });
    expect((alone.structuredContent as typeof stats).diversity.tooCloseToSeedRate).toBeUndefined();
  });

  it('refuses an unknown group_by key with the keys it takes', async () => {
    const client = await connectKeyless();
    const result = await call(client, 'synthesis_stats', {
      data_path: 'belle/09_样例数据/samples.json',
      group_by: 'colour',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result).split('\n')).toHaveLength(1);
    expect(textOf(result)).toContain('group_by');
    for (const key of [
      'model',
      'requestId',
      'stablePromptHash',
      'varyingPromptHash',
      'callId',
      'seed',
      'temperature',
      'maxTokens',
      'judgeScore',
      'acceptedHour',
    ]) {
      expect(textOf(result)).toContain(key);
    }
  });
});
