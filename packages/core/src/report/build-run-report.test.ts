import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { computeStats } from '../stats/index.js';
import type { RunState } from '../synthesizer/run-state.js';
import { buildRunReport } from './build-run-report.js';
import { renderReport } from './render-report.js';
import { reportFixtureState } from './report-fixture.js';

const state: RunState = { ...reportFixtureState(), rejectedByReason: { contamination: 3, 'seed-copy': 1 } };

describe('buildRunReport — contamination', () => {
  it('counts contamination and seed-copy rejects by the item they hit, most hit first, and the report lists them', async () => {
    const rejects = path.join(makeTempDir(), 'out.jsonl.rejects.jsonl');
    const lines = [
      {
        kind: 'contamination',
        reasons: ['x'],
        overlap: { file: 'eval/<q>.jsonl', item: 7, kind: 'exact', similarity: 1 },
      },
      {
        kind: 'contamination',
        reasons: ['x'],
        overlap: { file: 'eval/<q>.jsonl', item: 7, kind: 'ngram', similarity: 1 },
      },
      {
        kind: 'contamination',
        reasons: ['x'],
        overlap: { file: 'eval/b.json', item: 2, id: 'B2', kind: 'near', similarity: 0.8 },
      },
      {
        kind: 'seed-copy',
        reasons: ['x'],
        overlap: { file: 'seeds', item: 3, kind: 'ngram', similarity: 1 },
      },
      { kind: 'invalid', reasons: ['x'] },
    ];
    fs.writeFileSync(rejects, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const run = await buildRunReport({ state, rejectsPath: rejects });
    expect(run.contamination).toEqual({
      total: 4,
      items: [
        { reason: 'contamination', file: 'eval/<q>.jsonl', item: 7, kinds: ['exact', 'ngram'], count: 2 },
        { reason: 'contamination', file: 'eval/b.json', item: 2, id: 'B2', kinds: ['near'], count: 1 },
        { reason: 'seed-copy', file: 'seeds', item: 3, kinds: ['ngram'], count: 1 },
      ],
    });
    const html = renderReport(computeStats([{ a: 'one two' }]), { run });
    const section = html.slice(html.indexOf('<section id="contamination">'));
    expect(section).toContain('eval/&lt;q&gt;.jsonl');
    expect(section).toContain('2 (B2)');
    expect(html).toContain('<section id="rejects">');
  });

  it('has no contamination part when nothing was rejected for it', async () => {
    const run = await buildRunReport({ state: { ...state, rejectedByReason: {} } });
    expect(run.contamination).toBeUndefined();
    expect(renderReport(computeStats([]), { run })).not.toContain('<section id="contamination">');
  });
});
