import { describe, expect, it } from 'vitest';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupIndex, type DedupOptions } from './dedup-index.js';
import { seededRandom } from './test-support/edit-one-phrase.js';

const both: DedupOptions = { exact: true, near: true, threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD };

const poem = {
  instruction: 'Write a short poem about the first snow of winter falling on a quiet mountain village.',
  input: '',
  output: 'White flakes drift down, the village sleeps, and every roof wears a soft new coat.',
};

describe('DedupIndex — exact duplicates', () => {
  it('catches a record whose keys come in a different order, naming the seed it repeats', () => {
    const index = new DedupIndex(both);
    index.add(poem, 'seed #1', 'seed');
    const reordered = { output: poem.output, input: '', instruction: poem.instruction };
    expect(index.check(reordered)).toEqual({
      duplicate: true,
      kind: 'exact',
      matchedId: 'seed #1',
      matchedSource: 'seed',
      similarity: 1,
    });
  });

  it('catches duplicates within one batch when records are checked and added in sequence', () => {
    const index = new DedupIndex(both);
    index.add(poem, 'seed #1', 'seed');
    const batch = [
      { instruction: 'Name three primary colours.', output: 'Red, yellow and blue.' },
      { instruction: 'Translate "good morning" into French.', output: 'Bonjour.' },
      { output: 'Red, yellow and blue.', instruction: 'Name three primary colours.' },
      { instruction: 'Translate "good morning" into French.', output: 'Bonjour.' },
    ];
    const verdicts = batch.map((record, i) => index.checkAndAdd(record, `SYNTH_${i + 1}`, 'accepted'));
    expect(verdicts.map((verdict) => verdict.duplicate)).toEqual([false, false, true, true]);
    expect(verdicts[2]).toMatchObject({ kind: 'exact', matchedId: 'SYNTH_1', matchedSource: 'accepted' });
    expect(verdicts[3]).toMatchObject({ kind: 'exact', matchedId: 'SYNTH_2', matchedSource: 'accepted' });
    expect(index.size).toBe(3);
  });

  it('check() never inserts; add() always does', () => {
    const index = new DedupIndex(both);
    expect(index.check(poem).duplicate).toBe(false);
    expect(index.check(poem).duplicate).toBe(false);
    expect(index.size).toBe(0);
    index.add(poem, 'a', 'accepted');
    index.add(poem, 'b', 'accepted');
    expect(index.size).toBe(2);
    expect(index.check(poem)).toMatchObject({ duplicate: true, matchedId: 'a' });
  });

  it('treats numbers and booleans as significant for exact matching only', () => {
    const index = new DedupIndex(both);
    index.add({ question: 'What is 2 + 2?', answer: 4, verified: true }, 'seed #1', 'seed');
    expect(index.check({ question: 'What is 2 + 2?', answer: 5, verified: true })).toMatchObject({
      duplicate: true,
      kind: 'near',
      similarity: 1,
    });
    const exactOnly = new DedupIndex({ ...both, near: false });
    exactOnly.add({ question: 'What is 2 + 2?', answer: 4, verified: true }, 'seed #1', 'seed');
    expect(exactOnly.check({ question: 'What is 2 + 2?', answer: 5, verified: true }).duplicate).toBe(false);
    expect(exactOnly.check({ verified: true, answer: 4, question: 'What is 2 + 2?' }).duplicate).toBe(true);
  });
});

describe('DedupIndex — near duplicates', () => {
  it('catches a one-word edit and reports the similarity estimate', () => {
    const index = new DedupIndex(both);
    index.add(poem, 'seed #1', 'seed');
    const edited = { ...poem, output: poem.output.replace('village', 'hamlet') };
    const verdict = index.check(edited);
    expect(verdict).toMatchObject({
      duplicate: true,
      kind: 'near',
      matchedId: 'seed #1',
      matchedSource: 'seed',
    });
    expect(verdict.duplicate && verdict.similarity).toBeGreaterThanOrEqual(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    expect(verdict.duplicate && verdict.similarity).toBeLessThan(1);
  });

  it('catches case, width and whitespace variants as near-duplicates when exact matching is off', () => {
    const index = new DedupIndex({ ...both, exact: false });
    index.add(poem, 'seed #1', 'seed');
    const shouted = {
      instruction: poem.instruction.toUpperCase(),
      input: '  ',
      output: `  ${poem.output}\n`,
    };
    expect(index.check(shouted)).toMatchObject({ duplicate: true, kind: 'near', similarity: 1 });
  });

  it('catches a Chinese record with one phrase changed, and leaves a different task alone', () => {
    const index = new DedupIndex(both);
    index.add(
      {
        instruction: '请根据下面的描述写一段产品介绍',
        input: '一款适合学生使用的轻薄笔记本电脑，续航十二小时',
        output: '',
      },
      'seed #1',
      'seed',
    );
    const edited = {
      instruction: '请根据下面的描述写一段产品介绍',
      input: '一款适合学生使用的轻薄平板电脑，续航十二小时',
      output: '',
    };
    expect(index.check(edited)).toMatchObject({ duplicate: true, kind: 'near', matchedId: 'seed #1' });
    const other = {
      instruction: '把下面的句子翻译成英文',
      input: '今天的天气非常好，我们去公园散步吧',
      output: '',
    };
    expect(index.check(other).duplicate).toBe(false);
  });

  it('reports the most similar of several matching records', () => {
    const index = new DedupIndex({ ...both, exact: false });
    const base =
      'the committee approved the new budget for the public library after a long debate on tuesday';
    index.add({ text: base.replace('tuesday', 'monday').replace('long', 'short') }, 'two edits', 'accepted');
    index.add({ text: base.replace('tuesday', 'monday') }, 'one edit', 'accepted');
    expect(index.check({ text: base })).toMatchObject({ duplicate: true, matchedId: 'one edit' });
  });

  it('compares texts shorter than a shingle by their normalised text, and never matches records without text', () => {
    const index = new DedupIndex(both);
    index.add({ label: 'Yes' }, 'seed #1', 'seed');
    expect(index.check({ answer: ' yes ' })).toMatchObject({ duplicate: true, kind: 'near', similarity: 1 });
    expect(index.check({ answer: 'no' }).duplicate).toBe(false);
    index.add({ x: 1, y: 2 }, 'numbers', 'accepted');
    expect(index.check({ x: 3, y: 4 }).duplicate).toBe(false);
    expect(index.check({ y: 2, x: 1 })).toMatchObject({ kind: 'exact', matchedId: 'numbers' });
  });

  it('flags nothing when both checks are off', () => {
    const index = new DedupIndex({ exact: false, near: false, threshold: 0.7 });
    index.add(poem, 'seed #1', 'seed');
    expect(index.check(poem).duplicate).toBe(false);
  });

  it('stays exact over thousands of indexed records (bucket table growth)', () => {
    const random = seededRandom(7);
    const syllables = [
      'ka',
      'lo',
      'mi',
      'ter',
      'san',
      'du',
      'vex',
      'ri',
      'po',
      'len',
      'qua',
      'st',
      'or',
      'ne',
    ];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const vocabulary = Array.from({ length: 800 }, () => pick(syllables) + pick(syllables) + pick(syllables));
    const sentence = (): string => Array.from({ length: 40 }, () => pick(vocabulary)).join(' ');
    const index = new DedupIndex(both);
    const texts = Array.from({ length: 5000 }, sentence);
    const verdicts = texts.map((text, i) => index.checkAndAdd({ text }, `r${i}`, 'accepted'));
    expect(verdicts.filter((verdict) => verdict.duplicate)).toEqual([]);
    const words = texts[4321]!.split(' ');
    words[20] = 'changed';
    expect(index.check({ text: words.join(' ') })).toMatchObject({ duplicate: true, matchedId: 'r4321' });
  });

  it('rejects thresholds outside (0, 1]', () => {
    for (const threshold of [0, -0.5, 1.2, Number.NaN]) {
      expect(() => new DedupIndex({ ...both, threshold })).toThrow(RangeError);
    }
    expect(() => new DedupIndex({ ...both, threshold: 1 })).not.toThrow();
  });
});
