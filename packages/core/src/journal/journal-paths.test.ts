import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalPaths } from './journal-paths.js';

describe('journalPaths', () => {
  it('keeps a DataRecipe run’s bookkeeping out of 11_合成数据 (DataCheck counts every .json/.jsonl under it)', () => {
    const paths = journalPaths('/x/11_合成数据/synthetic.json');
    expect(paths).toEqual({
      output: '/x/11_合成数据/synthetic.json',
      folder: '/x/.datasynth',
      journal: '/x/.datasynth/synthetic.json.journal.jsonl',
      rejects: '/x/.datasynth/synthetic.json.rejects.jsonl',
      state: '/x/.datasynth/synthetic.json.state.json',
      lock: '/x/.datasynth/synthetic.json.lock',
      provenance: '/x/.datasynth/synthetic.json.provenance.jsonl',
    });
  });

  it('puts any other output’s bookkeeping in a hidden .datasynth folder beside it, as absolute paths', () => {
    expect(journalPaths('out/data.jsonl').journal).toBe(
      path.resolve('out/.datasynth/data.jsonl.journal.jsonl'),
    );
    expect(journalPaths('/y/data.json').state).toBe('/y/.datasynth/data.json.state.json');
    // The provenance sidecar is the output's companion: beside it, not hidden.
    expect(journalPaths('/y/data.json').provenance).toBe('/y/data.json.provenance.jsonl');
  });
});
