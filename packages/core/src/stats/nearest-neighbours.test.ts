import { describe, expect, it } from 'vitest';
import { DedupIndex } from '../dedup/dedup-index.js';
import { editOnePhrase, seededRandom, vocabularyOf } from '../dedup/test-support/edit-one-phrase.js';
import { belleSamples } from '../dedup/test-support/seed-records.js';
import { nearestNeighbourSimilarities } from './nearest-neighbours.js';

describe('nearestNeighbourSimilarities', () => {
  it('scores a planted near-copy high and leaves distinct samples low, like the dedup index', () => {
    const samples = belleSamples();
    const copy = editOnePhrase(samples[3]!, seededRandom(3), vocabularyOf(samples));
    const records = [...samples, copy];
    const similarities = nearestNeighbourSimilarities(records);
    const copyIndex = records.length - 1;
    expect(similarities[copyIndex]).toBeGreaterThanOrEqual(0.7);
    expect(similarities[3]).toBe(similarities[copyIndex]);
    // the dedup index, at its threshold, agrees on which records have a near neighbour
    const index = new DedupIndex({ exact: true, near: true, threshold: 0.7 });
    for (const [i, sample] of samples.entries()) index.add(sample, String(i), 'accepted');
    expect(index.check(copy)).toMatchObject({ duplicate: true, matchedId: '3' });
    const others = [...similarities.slice(0, copyIndex)].filter((_, i) => i !== 3);
    expect(Math.max(...others)).toBeLessThan(0.7);
  });

  it('is exact: the same as comparing every pair of signatures', () => {
    const samples = belleSamples().slice(0, 20);
    const similarities = nearestNeighbourSimilarities(samples);
    const pairwise = samples.map((record, i) =>
      Math.max(
        ...samples.map((other, j) => {
          if (i === j) return 0;
          const probe = nearestNeighbourSimilarities([record, other]);
          return probe[0]!;
        }),
      ),
    );
    expect([...similarities]).toEqual(pairwise);
  });

  it('gives NaN without text, and 1 or 0 for short texts by identity', () => {
    const similarities = nearestNeighbourSimilarities([{ n: 1 }, { a: 'ok' }, { b: 'ok' }, { c: 'no' }]);
    expect([...similarities]).toEqual([Number.NaN, 1, 1, 0]);
  });
});
