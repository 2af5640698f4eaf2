import { describe, expect, it } from 'vitest';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex } from './dedup-index.js';
import { MinHasher, SIGNATURE_LENGTH, signatureSimilarity } from './min-hash.js';
import { recordText } from './record-text.js';
import { editOnePhrase, seededRandom, vocabularyOf } from './test-support/edit-one-phrase.js';
import { belleSamples, selfInstructSeeds } from './test-support/seed-records.js';

// The default threshold must catch a seed copied with one word / one short phrase changed, and
// must leave distinct seeds alone. Both checked on the real seed files in /examples.
const datasets = [
  { name: 'Self-Instruct seed tasks (English, 175)', load: selfInstructSeeds },
  { name: 'DataRecipe BELLE samples (Chinese, 50)', load: belleSamples },
];

function pairsAtOrAbove(records: Record<string, unknown>[], threshold: number): number {
  const hasher = new MinHasher();
  const signatures = new Int32Array(records.length * SIGNATURE_LENGTH);
  records.forEach((record, i) => {
    hasher.signatureInto(recordText(record), signatures, i * SIGNATURE_LENGTH);
  });
  let flagged = 0;
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const similarity = signatureSimilarity(
        signatures,
        i * SIGNATURE_LENGTH,
        signatures,
        j * SIGNATURE_LENGTH,
      );
      if (similarity >= threshold) flagged++;
    }
  }
  return flagged;
}

describe.each(datasets)('default near-duplicate threshold on $name', ({ load }) => {
  const seeds = load();

  it('catches ≥ 95% of one-word / one-phrase edits of records with ≥ 60 characters of text', () => {
    const index = new DedupIndex({ exact: true, near: true, threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD });
    seeds.forEach((seed, i) => {
      index.add(seed, `seed #${i + 1}`, 'seed');
    });
    const random = seededRandom(42);
    const vocabulary = vocabularyOf(seeds);
    let trials = 0;
    let caught = 0;
    for (let round = 0; round < 5; round++) {
      seeds.forEach((seed, i) => {
        if (recordText(seed).length < 60) return;
        trials++;
        const verdict = index.check(editOnePhrase(seed, random, vocabulary));
        if (verdict.duplicate && verdict.kind === 'near' && verdict.matchedId === `seed #${i + 1}`) caught++;
      });
    }
    expect(trials).toBeGreaterThan(200);
    expect(caught / trials).toBeGreaterThanOrEqual(0.95);
  });

  it('flags (almost) no pair of distinct seeds', () => {
    const pairs = (seeds.length * (seeds.length - 1)) / 2;
    expect(pairsAtOrAbove(seeds, DEFAULT_NEAR_DUPLICATE_THRESHOLD) / pairs).toBeLessThanOrEqual(0.001);
    const index = new DedupIndex({ exact: true, near: true, threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD });
    const flagged = seeds.filter((seed, i) => index.checkAndAdd(seed, `seed #${i + 1}`, 'seed').duplicate);
    expect(flagged).toEqual([]);
  });
});
