import { describe, expect, it } from 'vitest';
import { DistinctNgrams, diversityTokens } from './distinct-ngrams.js';

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

describe('DistinctNgrams', () => {
  it('computes distinct-1/2/3 of a known text', () => {
    const ngrams = new DistinctNgrams();
    // tokens: the cat sat on the cat — 4 distinct of 6
    // bigrams: the·cat cat·sat sat·on on·the the·cat — 4 distinct of 5
    // trigrams: the·cat·sat cat·sat·on sat·on·the on·the·cat — 4 distinct of 4
    ngrams.add('the cat sat on the cat');
    expect(ngrams.totals).toEqual([6, 5, 4]);
    expect(ngrams.ratios()).toEqual({ distinct1: 4 / 6, distinct2: 0.8, distinct3: 1 });
  });

  it('tells a repeated trigram from a new one that reuses a known bigram', () => {
    const ngrams = new DistinctNgrams();
    ngrams.add('a b c'); // a·b·c
    ngrams.add('a b c'); // a·b·c again
    ngrams.add('x a b d'); // x·a·b, a·b·d (a·b known, a·b·d new)
    expect(ngrams.totals).toEqual([10, 7, 4]);
    expect(ngrams.ratios()).toEqual({ distinct1: 0.5, distinct2: 4 / 7, distinct3: 0.75 });
  });

  it('counts Chinese character n-grams, never across two texts', () => {
    const ngrams = new DistinctNgrams();
    ngrams.add('你好你好'); // 你好 好你 你好; 你好你 好你好
    ngrams.add('好你'); // 好你
    expect(ngrams.totals).toEqual([6, 4, 2]);
    expect(ngrams.ratios()).toEqual({ distinct1: 2 / 6, distinct2: 0.5, distinct3: 1 });
  });

  it('has only distinct-1 for one-word texts, and nothing without a token', () => {
    const ngrams = new DistinctNgrams();
    expect(ngrams.ratios()).toBeUndefined();
    ngrams.add('generation');
    ngrams.add('');
    expect(ngrams.ratios()).toEqual({ distinct1: 1 });
  });
});
