import { describe, expect, it } from 'vitest';
import { CJK_NGRAM_LENGTH, forEachLongNgram, WORD_NGRAM_LENGTH } from './long-ngrams.js';

function ngrams(text: string): string[] {
  const out: string[] = [];
  forEachLongNgram(text, (high, low) => out.push(`${high}:${low}`));
  return out;
}

const words = (count: number, from = 0): string =>
  Array.from({ length: count }, (_, i) => `word${i + from}`).join(' ');
const han = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳';

describe('forEachLongNgram', () => {
  it('documents 13 words and 20 CJK characters', () => {
    expect(WORD_NGRAM_LENGTH).toBe(13);
    expect(CJK_NGRAM_LENGTH).toBe(20);
  });

  it('yields one n-gram per window of 13 words, none for 12', () => {
    expect(ngrams(words(12))).toHaveLength(0);
    expect(ngrams(words(13))).toHaveLength(1);
    expect(ngrams(words(20))).toHaveLength(8);
  });

  it('yields one n-gram per window of 20 CJK characters, none for 19', () => {
    expect(ngrams(han.slice(0, 19))).toHaveLength(0);
    expect(ngrams(han.slice(0, 20))).toHaveLength(1);
    expect(ngrams(han.slice(0, 25))).toHaveLength(6);
  });

  it('ignores case, punctuation, spacing and full-width forms, but not word order', () => {
    const plain = ngrams(words(13));
    const noisy = ngrams(`  ${words(13).toUpperCase().replaceAll(' ', ',\n ')}!`);
    expect(noisy).toEqual(plain);
    const fullWidth = ngrams(words(13).replace('word1', 'ｗｏｒｄ１'));
    expect(fullWidth).toEqual(plain);
    const swapped = ngrams(words(13).replace('word1 word2', 'word2 word1'));
    expect(swapped).not.toEqual(plain);
  });

  it('reads a Chinese run across punctuation and embedded Latin words, keeping the streams apart', () => {
    const punctuated = `${han.slice(0, 10)}，“ok” ${han.slice(10, 20)}。`;
    expect(ngrams(punctuated)).toEqual(ngrams(han.slice(0, 20)));
    // 13 words spread around Chinese text are still one word run
    const mixed = `${words(6)} ${han.slice(0, 5)} ${words(7, 6)}`;
    expect(ngrams(mixed)).toEqual(ngrams(words(13)));
  });
});
