import { describe, expect, it } from 'vitest';
import { DiversityTrail } from './diversity-trail.js';

const schema = {
  fields: [
    { name: 'question', type: 'string', required: true, constraints: {} },
    { name: 'answer', type: 'string', required: true, constraints: {} },
  ],
} as unknown as ConstructorParameters<typeof DiversityTrail>[0]['schema'];

/** Record `n`: the question repeats across records when `repeat` is set, else is its own words. */
const record = (n: number, repeat = false) => ({
  question: repeat ? 'tell me about the river' : `tell me about thing number ${n} and word${n}`,
  answer: 'ok',
});

describe('DiversityTrail', () => {
  it('makes one point per chunk of accepted records, with distinct-2 and the duplicate share', () => {
    const trail = new DiversityTrail({ schema, targetCount: 40, target: { minDistinct2: 0.5 } });
    for (let n = 0; n < 10; n++) trail.accept(record(n));
    for (let n = 10; n < 20; n++) {
      trail.noteDuplicate();
      trail.accept(record(n, true));
    }
    trail.accept(record(20));
    const state = trail.toState();
    expect(state.chunkSize).toBe(10);
    expect(state.target).toEqual({ minDistinct2: 0.5 });
    expect(state.points.map((point) => [point.accepted, point.records, point.duplicates])).toEqual([
      [10, 10, 0],
      [20, 10, 10],
      [21, 1, 0],
    ]);
    const [distinct, repeated] = state.points;
    // ten identical five-word questions: 4 distinct bigrams of 40
    expect(repeated!.distinct2).toBeCloseTo(4 / 40, 12);
    expect(repeated!.nearDuplicateRate).toBeCloseTo(0.5, 12);
    expect(distinct!.distinct2).toBeGreaterThan(repeated!.distinct2!);
    expect(distinct!.nearDuplicateRate).toBe(0);
  });

  it('takes the kept points up on resume and refills the unfinished chunk from the output', () => {
    const first = new DiversityTrail({ schema, targetCount: 40 });
    const records = Array.from({ length: 25 }, (_, n) => record(n));
    for (const [n, entry] of records.entries()) {
      first.accept(entry);
      if (n === 22) first.noteDuplicate();
    }
    const kept = first.toState();
    // a resume under a larger target keeps the chunk size, the finished points and the tail's duplicate
    const resumed = new DiversityTrail({ schema, targetCount: 400, state: kept, existing: records });
    expect(resumed.toState()).toEqual(kept);
    for (let n = 25; n < 30; n++) resumed.accept(record(n));
    const uninterrupted = new DiversityTrail({ schema, targetCount: 40 });
    for (let n = 0; n < 30; n++) {
      uninterrupted.accept(record(n));
      if (n === 22) uninterrupted.noteDuplicate();
    }
    expect(resumed.toState()).toEqual(uninterrupted.toState());
  });
});
