import { describe, expect, it } from 'vitest';
import { DistinctBigrams, diversityTokens } from './distinct-bigrams.js';

describe('diversityTokens', () => {
  it('splits Latin text into words and Chinese text into characters, dropping punctuation', () => {
    expect(diversityTokens('The cat, the HAT!')).toEqual(['the', 'cat', 'the', 'hat']);
    expect(diversityTokens('写一首诗，关于夏天。')).toEqual(['写', '一', '首', '诗', '关', '于', '夏', '天']);
    expect(diversityTokens('用SQL语句查询 top 10')).toEqual([
      '用',
      'sql',
      '语',
      '句',
      '查',
      '询',
      'top',
      '10',
    ]);
  });
});

describe('DistinctBigrams', () => {
  it('computes distinct-2 of a known text', () => {
    const bigrams = new DistinctBigrams();
    bigrams.add('the cat sat on the cat'); // the·cat cat·sat sat·on on·the the·cat → 4 distinct of 5
    expect(bigrams.total).toBe(5);
    expect(bigrams.ratio()).toBe(0.8);
  });

  it('counts Chinese character bigrams, never across two texts', () => {
    const bigrams = new DistinctBigrams();
    bigrams.add('你好你好'); // 你好 好你 你好
    bigrams.add('好你'); // 好你
    expect(bigrams.total).toBe(4);
    expect(bigrams.ratio()).toBe(0.5);
  });

  it('has no ratio without a bigram', () => {
    const bigrams = new DistinctBigrams();
    bigrams.add('generation');
    bigrams.add('');
    expect(bigrams.ratio()).toBeUndefined();
  });
});
