import { parseSchema } from '@datasynth/prompts';
import { describe, expect, it } from 'vitest';
import { DiversityMonitor } from './diversity-monitor.js';
import { RunSteering } from './run-steering.js';

const repetitive = (index: number) =>
  `Write a short poem about the ${['sea', 'moon', 'city'][index % 3]} at night`;
const varied = (index: number) =>
  `${['Explain', 'Compare', 'List', 'Describe', 'Summarise'][index % 5]} topic ${index} with fresh word${index} example${index * 7}`;

describe('DiversityMonitor', () => {
  it('measures distinct-2 and the duplicate share over the recent records', () => {
    const monitor = new DiversityMonitor({ minDistinct2: 0.5 });
    monitor.accept('a b c');
    monitor.accept('a b c');
    monitor.noteDuplicate();
    // bigrams a·b b·c twice: 2 distinct of 4; one duplicate in three decisions
    expect(monitor.figures()).toEqual({ accepted: 2, distinct2: 0.5, nearDuplicateRate: 1 / 3 });
    expect(monitor.missed()).toBe(false);
    monitor.accept('a b c');
    expect(monitor.missed()).toBe(true);
  });

  it('names the openings recent records repeat, most repeated first, in words or CJK characters', () => {
    const monitor = new DiversityMonitor({ minDistinct2: 0.9 });
    for (let index = 0; index < 9; index++) monitor.accept(repetitive(index));
    monitor.accept('请写一首关于大海的诗');
    monitor.accept('请写一首关于月亮的诗');
    monitor.accept('Something entirely different');
    expect(monitor.repeatedOpenings()).toEqual(['write a short poem', '请写一首关于']);
  });

  it('forgets records older than the window', () => {
    const monitor = new DiversityMonitor({ maxNearDuplicateRate: 0.1 });
    for (let index = 0; index < 50; index++) monitor.noteDuplicate();
    expect(monitor.missed()).toBe(true);
    for (let index = 0; index < 200; index++) monitor.accept(varied(index));
    expect(monitor.figures().nearDuplicateRate).toBe(0);
    expect(monitor.missed()).toBe(false);
  });
});

describe('RunSteering with a diversity target', () => {
  const schema = parseSchema({ fields: [{ name: 'instruction', type: 'string' }] }).schema;
  const steering = (minDistinct2: number) =>
    new RunSteering({
      schema,
      settings: { balanceEnums: false, avoidRecent: false, diversityTarget: { minDistinct2 } },
      topics: [],
      topicOffset: 0,
    });

  it('tells the next batch to avoid the repeated openings while distinct-2 is below the target', () => {
    const run = steering(0.6);
    for (let index = 0; index < 30; index++) run.accept({ instruction: repetitive(index) });
    expect(run.diversityFigures()?.distinct2).toBeLessThan(0.6);
    expect(run.forBatch(10).steering?.avoid).toEqual(['write a short poem …']);
  });

  it('adds nothing once the target is met', () => {
    const run = steering(0.6);
    for (let index = 0; index < 30; index++) run.accept({ instruction: varied(index) });
    expect(run.diversityFigures()?.distinct2).toBeGreaterThanOrEqual(0.6);
    expect(run.forBatch(10).steering).toBeUndefined();
  });
});
