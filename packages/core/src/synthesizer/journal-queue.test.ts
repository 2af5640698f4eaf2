import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, readJsonl } from '../../test/helpers.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { openJournal, type RunJournal } from '../journal/index.js';
import { JournalQueue } from './journal-queue.js';
import type { RunState } from './run-state.js';
import type { RunStop } from './run-tally.js';

const journals: RunJournal[] = [];
afterEach(async () => {
  await Promise.all(journals.splice(0).map((journal) => journal.close().catch(() => {})));
});

async function setup() {
  const output = path.join(makeTempDir(), 'out.jsonl');
  const { journal } = await openJournal({ outputPath: output, mode: 'new' });
  journals.push(journal);
  let states = 0;
  const stops: RunStop[] = [];
  const queue = new JournalQueue({
    journal,
    state: () => {
      states += 1;
      return { version: 1, accepted: states } as unknown as RunState;
    },
    onFailure: (stop) => stops.push(stop),
  });
  return { journal, queue, stops, states: () => states };
}

describe('JournalQueue — the run state saver', () => {
  it('journals accepted records and rejects in call order; drain waits for every write', async () => {
    const { journal, queue } = await setup();
    queue.record([{ id: 'SYNTH_0001', data: { q: 1 } }], [{ kind: 'invalid', reasons: ['x'] }]);
    queue.record([{ id: 'SYNTH_0002', data: { q: 2 } }], []);
    await queue.drain();
    expect(readJsonl(journal.paths.journal).map((entry) => entry.id)).toEqual(['SYNTH_0001', 'SYNTH_0002']);
    expect(readJsonl(journal.paths.rejects)).toMatchObject([{ kind: 'invalid' }]);
  });

  it('writes no state while writes are held, and the current state on saveState', async () => {
    const { journal, queue, states } = await setup();
    queue.holdStateWrites(true);
    queue.record([{ id: 'SYNTH_0001', data: { q: 1 } }], []);
    await queue.drain();
    expect(states()).toBe(0);
    expect(fs.existsSync(journal.paths.state)).toBe(false);
    await queue.saveState();
    expect(JSON.parse(fs.readFileSync(journal.paths.state, 'utf8'))).toEqual({ version: 1, accepted: 1 });
  });

  it('keeps the first write failure: it stops the run, and drain throws it as SynthesisError io', async () => {
    const { journal, queue, stops } = await setup();
    await journal.close();
    queue.record([{ id: 'SYNTH_0001', data: { q: 1 } }], []);
    const error = await queue.drain().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error).toMatchObject({ code: 'io', path: journal.paths.journal });
    expect((error as Error).message).toMatch(/^Could not write the journal: /);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.reason).toBe('error');
  });
});
