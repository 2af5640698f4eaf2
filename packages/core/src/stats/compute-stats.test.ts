import { describe, expect, it } from 'vitest';
import { ContaminationGuard } from '../contamination/contamination-guard.js';
import { recordText } from '../dedup/record-text.js';
import { editOnePhrase, seededRandom, vocabularyOf } from '../dedup/test-support/edit-one-phrase.js';
import { belleSamples, belleSchemaFields, selfInstructSeeds } from '../dedup/test-support/seed-records.js';
import { computeStats } from './compute-stats.js';

// Four records with instruction lengths 10, 20, 30 and 40 (the last one Chinese).
const records = [
  { instruction: 'one two ab', category: 'a', score: 1, tags: ['x'], ok: true },
  { instruction: 'one two three four x', category: 'a', score: 2, tags: ['x', 'y'], ok: false },
  {
    instruction: 'alpha beta gamma delta epsilon',
    category: 'b',
    score: 3,
    tags: [],
    ok: true,
    note: 'hello world',
  },
  {
    instruction: '一二三四五六七八九十'.repeat(4),
    category: 'b',
    score: null,
    tags: ['x', 'y', 'z'],
    ok: true,
  },
];
const schema = {
  fields: [
    { name: 'instruction', type: 'string' },
    { name: 'category', type: 'string', constraints: { enum: ['a', 'b', 'c'] } },
    { name: 'score', type: 'int' },
    { name: 'tags', type: 'array' },
    { name: 'ok', type: 'boolean' },
  ],
};

describe('computeStats — hand-checked fixture', () => {
  const stats = computeStats(records, { schema });

  it('lists schema fields in order, then other keys, with presence counts', () => {
    expect(stats.count).toBe(4);
    expect(stats.fields.map((field) => [field.name, field.type, field.present, field.missing])).toEqual([
      ['instruction', 'string', 4, 0],
      ['category', 'string', 4, 0],
      ['score', 'integer', 3, 1],
      ['tags', 'array', 4, 0],
      ['ok', 'boolean', 4, 0],
      ['note', 'string', 1, 3],
    ]);
  });

  it('gives exact text-length figures and histogram', () => {
    expect(stats.fields[0]!.length).toEqual({
      min: 10,
      max: 40,
      mean: 25,
      p50: 20,
      p90: 40,
      histogram: [
        { from: 10, to: 14, count: 1 },
        { from: 14, to: 18, count: 0 },
        { from: 18, to: 22, count: 1 },
        { from: 22, to: 26, count: 0 },
        { from: 26, to: 30, count: 0 },
        { from: 30, to: 34, count: 1 },
        { from: 34, to: 38, count: 0 },
        { from: 38, to: 42, count: 1 },
      ],
    });
    expect(stats.fields[0]!.values).toBeUndefined();
  });

  it('counts enum members (unused ones too), booleans, numbers and list sizes', () => {
    const byName = Object.fromEntries(stats.fields.map((field) => [field.name, field]));
    expect(byName.category!.values).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
      { value: 'c', count: 0 },
    ]);
    expect(byName.ok!.values).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 1 },
    ]);
    expect(byName.score!.numeric).toEqual({
      min: 1,
      max: 3,
      mean: 2,
      histogram: [
        { from: 1, to: 2, count: 1 },
        { from: 2, to: 3, count: 1 },
        { from: 3, to: 4, count: 1 },
      ],
    });
    expect(byName.tags!.listLength).toEqual({ min: 0, max: 3, mean: 1.5 });
  });

  it('computes distinct-2 per text field, skipping enum fields', () => {
    // instruction bigrams: 2 + 4 + 4 + 39 = 49; distinct: 5 (first two) + 4 + 10 (一二 … 九十, 十一) = 19
    expect(stats.diversity.distinct2).toEqual({ instruction: 19 / 49, note: 1 });
    expect(stats.diversity.nearDuplicateRate).toBe(0);
    expect(stats.diversity.tooCloseToSeedRate).toBeUndefined();
    expect(stats.diversity.closestToSeed).toBeUndefined();
  });

  it('computes distinct-1 and distinct-3, length spread and value spread', () => {
    // instruction tokens 3 + 5 + 5 + 40 = 53, distinct 11 words + 10 characters = 21;
    // trigrams 1 + 3 + 3 + 38 = 45, distinct 1 + 3 + 3 + 10 = 17
    // tags[]: x | x y | x y z, 3 distinct of 6
    expect(stats.diversity.distinct1).toEqual({ instruction: 21 / 53, note: 1, 'tags[]': 0.5 });
    expect(stats.diversity.distinct3).toEqual({ instruction: 17 / 45 });
    // lengths 10, 20, 30, 40: mean 25, population sd √125
    expect(stats.diversity.lengthSpread.instruction).toBeCloseTo(Math.sqrt(125) / 25, 12);
    expect(stats.diversity.lengthSpread.note).toBe(0);
    // category a 2, b 2, c 0 of the enum: ln 2 / ln 3; ok: 3 true, 1 false
    expect(stats.diversity.valueSpread.category).toBeCloseTo(Math.log(2) / Math.log(3), 12);
    expect(stats.diversity.valueSpread.ok).toBeCloseTo(
      -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2),
      12,
    );
    expect(stats.diversity.nearestNeighbour?.records).toBe(4);
  });

  it('infers types and low-cardinality categories without a schema', () => {
    const inferred = computeStats([
      { label: 'spam', weight: 1, mixed: 'x' },
      { label: 'spam', weight: 2.5, mixed: 3 },
      { label: 'ham', weight: 4 },
      { label: 'spam', weight: 4 },
    ]);
    expect(inferred.fields.map((field) => [field.name, field.type])).toEqual([
      ['label', 'string'],
      ['weight', 'number'],
      ['mixed', 'mixed'],
    ]);
    expect(inferred.fields[0]!.values).toEqual([
      { value: 'spam', count: 3 },
      { value: 'ham', count: 1 },
    ]);
    expect(inferred.fields[1]!.numeric).toMatchObject({ min: 1, max: 4, mean: 2.875 });
    expect(inferred.fields[2]).toMatchObject({ length: { min: 1, max: 1 }, numeric: { min: 3, max: 3 } });
  });

  it('handles an empty record set', () => {
    expect(computeStats([], { schema, seeds: [] })).toMatchObject({
      count: 0,
      diversity: { distinct2: {}, nearDuplicateRate: 0, tooCloseToSeedRate: 0, closestToSeed: [] },
    });
  });
});

describe('computeStats — diversity against each other and the seeds', () => {
  const seeds = selfInstructSeeds();
  const vocabulary = vocabularyOf(seeds);
  const random = seededRandom(3);
  const longSeedIndexes = seeds.flatMap((seed, index) => (recordText(seed).length >= 120 ? [index] : []));
  const [editedIndex, copiedIndex] = [longSeedIndexes[3]!, longSeedIndexes[7]!];

  it('counts seed copies (exact, near, or 13 words quoted) and maps nearest neighbours', () => {
    const quoted = recordText(seeds[copiedIndex]!).split(' ').slice(0, 13).join(' ');
    const set = [
      seeds[editedIndex]!,
      editOnePhrase(seeds[copiedIndex]!, random, vocabulary),
      { instruction: `Please answer carefully: ${quoted}. Then stop.` },
      { instruction: 'Name three rivers in South America and the countries they flow through.' },
    ];
    const stats = computeStats(set, { seeds });
    expect(stats.diversity.seedCopyRate).toBe(3 / 4);
    expect(stats.diversity.nearestNeighbour?.records).toBe(4);
    expect(stats.diversity.nearestNeighbour?.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
  });

  it('counts the records that overlap a held-out set, naming file and item', () => {
    const guard = new ContaminationGuard({ threshold: 0.7 });
    guard.addFile('eval.jsonl', [seeds[editedIndex]!, seeds[copiedIndex]!]);
    const set = [
      seeds[0]!,
      seeds[copiedIndex]!,
      editOnePhrase(seeds[editedIndex]!, random, vocabulary),
      seeds[1]!,
    ];
    const stats = computeStats(set, { holdout: guard });
    expect(stats.holdout).toEqual({
      count: 2,
      rate: 0.5,
      examples: [
        { index: 1, file: 'eval.jsonl', item: 2, kind: 'exact' },
        { index: 2, file: 'eval.jsonl', item: 1, kind: 'near' },
      ],
    });
    expect(computeStats(set).holdout).toBeUndefined();
  });

  it('counts records that repeat or nearly repeat an earlier one', () => {
    const a = seeds[editedIndex]!;
    const b = seeds[copiedIndex]!;
    const set = [a, editOnePhrase(a, random, vocabulary), b, { ...a }, seeds[0]!];
    expect(computeStats(set).diversity.nearDuplicateRate).toBe(2 / 5);
  });

  it('measures closeness to the seeds, closest first', () => {
    const set = [
      editOnePhrase(seeds[editedIndex]!, random, vocabulary),
      structuredClone(seeds[copiedIndex]!),
      { instruction: 'Describe the migration route of arctic terns in three sentences.', output: '' },
      { value: 42 },
    ];
    const { diversity } = computeStats(set, { seeds });
    expect(diversity.tooCloseToSeedRate).toBe(2 / 4);
    // the copy and the edited seed come first (an edit can estimate as 1.0 too, so their order may tie)
    const [first, second] = diversity.closestToSeed!;
    const copy = [first, second].find((entry) => entry?.index === 1);
    const edited = [first, second].find((entry) => entry?.index === 0);
    expect(copy).toEqual({ index: 1, seedIndex: copiedIndex, similarity: 1 });
    expect(edited).toMatchObject({ index: 0, seedIndex: editedIndex });
    expect(edited!.similarity).toBeGreaterThanOrEqual(0.7);
    expect(diversity.closestToSeed!.every((entry) => entry.index !== 3)).toBe(true);
    // A stricter threshold counts fewer records as too close: at 1, only what estimates as identical.
    expect(computeStats(set, { seeds, nearThreshold: 1 }).diversity.tooCloseToSeedRate).toBe(
      edited!.similarity >= 1 ? 2 / 4 : 1 / 4,
    );
  });
});

describe('computeStats — real seed files', () => {
  it('describes the BELLE samples with their DataRecipe schema', () => {
    const samples = belleSamples();
    const stats = computeStats(samples, { schema: { fields: belleSchemaFields() }, seeds: samples });
    expect(stats.count).toBe(50);
    expect(stats.fields.map((field) => field.name)).toEqual(['instruction', 'input', 'output', 'category']);
    const category = stats.fields[3]!;
    expect(category.values!.map((entry) => entry.value).sort()).toEqual(['classification', 'generation']);
    expect(category.values!.reduce((sum, entry) => sum + entry.count, 0)).toBe(50);
    const lengths = samples.map((sample) => [...(sample.instruction as string)].length);
    expect(stats.fields[0]!.length).toMatchObject({ min: Math.min(...lengths), max: Math.max(...lengths) });
    expect(stats.fields[0]!.length!.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(50);
    expect(Object.keys(stats.diversity.distinct2)).toEqual(['input', 'instruction', 'output']);
    for (const ratio of Object.values(stats.diversity.distinct2)) expect(ratio).toBeGreaterThan(0.5);
    expect(stats.diversity.nearDuplicateRate).toBe(0);
    expect(stats.diversity.tooCloseToSeedRate).toBe(1); // every sample is its own seed
    expect(stats.diversity.closestToSeed).toHaveLength(10);
    expect(stats.diversity.closestToSeed!.every((entry) => entry.index === entry.seedIndex)).toBe(true);
  });

  it('reaches into nested Self-Instruct records and is deterministic', () => {
    const seeds = selfInstructSeeds();
    const first = computeStats(seeds);
    expect(JSON.stringify(computeStats(seeds))).toBe(JSON.stringify(first));
    const byName = Object.fromEntries(first.fields.map((field) => [field.name, field]));
    expect(byName.instances).toMatchObject({ type: 'array', present: 175, listLength: { min: 1 } });
    expect(byName.is_classification!.values!.reduce((sum, entry) => sum + entry.count, 0)).toBe(175);
    expect(first.diversity.distinct2).toHaveProperty(['instances[].output']);
    expect(first.diversity.distinct2).toHaveProperty(['instances[].input']);
    expect(first.diversity.nearDuplicateRate).toBe(0);
  });
});
