import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalPaths } from './journal-paths.js';

describe('journalPaths', () => {
  it('puts the journal, rejects and state beside the output, as absolute paths', () => {
    const paths = journalPaths('/x/11_合成数据/synthetic.json');
    expect(paths).toEqual({
      output: '/x/11_合成数据/synthetic.json',
      journal: '/x/11_合成数据/synthetic.json.journal.jsonl',
      rejects: '/x/11_合成数据/synthetic.json.rejects.jsonl',
      state: '/x/11_合成数据/synthetic.json.state.json',
    });
  });

  it('resolves a relative output path against the working directory', () => {
    expect(journalPaths('out/data.jsonl').journal).toBe(path.resolve('out/data.jsonl.journal.jsonl'));
  });
});
