import { describe, expect, it } from 'vitest';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD } from '../dedup/dedup-index.js';
import { editOnePhrase, seededRandom, vocabularyOf } from '../dedup/test-support/edit-one-phrase.js';
import { belleSamples, selfInstructSeeds } from '../dedup/test-support/seed-records.js';
import { ContaminationGuard } from './contamination-guard.js';

const options = { threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD };
const selfInstruct = selfInstructSeeds();
const belle = belleSamples();
// Held out: the first 100 Self-Instruct tasks and the first 30 BELLE samples; the rest are unseen.
const heldOutEnglish = selfInstruct.slice(0, 100);
const heldOutChinese = belle.slice(0, 30);

function guard(): ContaminationGuard {
  const built = new ContaminationGuard(options);
  built.addFile('eval/self-instruct.jsonl', heldOutEnglish);
  built.addFile(
    'eval/belle.json',
    heldOutChinese,
    heldOutChinese.map((_, i) => `BELLE_${String(i + 1).padStart(3, '0')}`),
  );
  return built;
}

const longEnglish =
  'Before you begin the experiment, carefully read every instruction on the sheet twice and then write down the three questions you would ask the teacher.';
const longChinese =
  '请你仔细阅读下面这段关于城市交通拥堵问题的材料然后用自己的话概括作者的主要观点并提出两条可行的改进建议';

describe('ContaminationGuard', () => {
  it('names the held-out file and item of an exact copy, whatever the key order', () => {
    const target = heldOutEnglish[41]!;
    const reordered = Object.fromEntries(Object.entries(target).reverse());
    expect(guard().check(reordered)).toEqual({
      hit: true,
      kind: 'exact',
      similarity: 1,
      file: 'eval/self-instruct.jsonl',
      item: 42,
    });
  });

  it('catches a copy with one word or phrase changed as a near-duplicate, with the id its file gave', () => {
    const random = seededRandom(7);
    const index = guard();
    const edited = editOnePhrase(heldOutChinese[9]!, random, vocabularyOf(belle));
    expect(index.check(edited)).toMatchObject({
      hit: true,
      kind: 'near',
      file: 'eval/belle.json',
      item: 10,
      id: 'BELLE_010',
    });
  });

  it('catches 13 shared words inside otherwise new text, and not 12', () => {
    const index = new ContaminationGuard(options);
    index.addFile('eval/passages.jsonl', [{ text: longEnglish }, { text: 'an unrelated second item' }]);
    const passage = longEnglish.split(' ');
    const embed = (count: number) => ({
      instruction: `Summarise the rules of chess for a child who has never played. Quote this: "${passage.slice(3, 3 + count).join(' ')}", and then explain why openings matter so much in practice.`,
    });
    expect(index.check(embed(13))).toEqual({
      hit: true,
      kind: 'ngram',
      similarity: 1,
      file: 'eval/passages.jsonl',
      item: 1,
    });
    expect(index.check(embed(12))).toEqual({ hit: false });
  });

  it('catches 20 shared Chinese characters inside otherwise new text, and not 19', () => {
    const index = new ContaminationGuard(options);
    index.addFile('eval/zh.jsonl', [{ question: '无关的第一条' }, { question: longChinese }]);
    const embed = (count: number) => ({
      instruction: `写一篇关于春天的短文，要求语言生动。另外：${longChinese.slice(5, 5 + count)}。最后检查错别字并给出标题。`,
    });
    expect(index.check(embed(20))).toMatchObject({
      hit: true,
      kind: 'ngram',
      file: 'eval/zh.jsonl',
      item: 2,
    });
    expect(index.check(embed(19))).toEqual({ hit: false });
  });

  it("passes the rest of both seed sets but one: a BELLE sample that kept a Self-Instruct task's code", () => {
    const index = guard();
    const unseen = [...selfInstruct.slice(100), ...belle.slice(30)];
    const hits = unseen.flatMap((record) => {
      const verdict = index.check(record);
      return verdict.hit ? [{ record, verdict }] : [];
    });
    // BELLE translated Self-Instruct: sample 36 gives task 29's hill-climbing code, comments in Chinese.
    expect(hits).toHaveLength(1);
    expect(hits[0]!.record).toBe(belle[35]);
    expect(hits[0]!.verdict).toMatchObject({ kind: 'ngram', file: 'eval/self-instruct.jsonl', item: 29 });
    expect(JSON.stringify(heldOutEnglish[28])).toContain('hill_climbing');
  });

  it('with ngramsOnly, reports shared long n-grams and leaves exact and near copies to dedup', () => {
    const index = new ContaminationGuard({ ...options, ngramsOnly: true });
    index.addFile('seeds', [{ text: longEnglish }]);
    expect(index.check({ text: longEnglish })).toMatchObject({ hit: true, kind: 'ngram', item: 1 });
    expect(index.check({ text: 'Before you begin the experiment, read it.' })).toEqual({ hit: false });
    const short = new ContaminationGuard({ ...options, ngramsOnly: true });
    short.addFile('seeds', [{ text: 'A short seed.' }]);
    expect(short.check({ text: 'A short seed.' })).toEqual({ hit: false });
  });

  it('guards nothing when empty and never learns from candidates', () => {
    const index = new ContaminationGuard(options);
    expect(index.check(heldOutEnglish[0]!)).toEqual({ hit: false });
    index.addFile('seeds', heldOutEnglish.slice(0, 1));
    expect(index.check(heldOutEnglish[1]!)).toEqual({ hit: false });
    expect(index.check(heldOutEnglish[1]!)).toEqual({ hit: false });
    expect(index.size).toBe(1);
  });
});
