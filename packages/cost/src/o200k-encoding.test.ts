import fs from 'node:fs';
import { createRequire } from 'node:module';
import { countTokens as libraryCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countO200kTokens, O200K_IDLE_RELEASE_MS, readRanks } from './o200k-encoding.js';

const require = createRequire(import.meta.url);

describe('o200k encoding', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the vocabulary file into exactly the rank table the package generates', () => {
    const ranks = readRanks(
      fs.readFileSync(require.resolve('gpt-tokenizer/data/o200k_base.tiktoken'), 'latin1'),
    );
    const generated = require('gpt-tokenizer/cjs/bpeRanks/o200k_base').default as (string | number[])[];
    expect(ranks.length).toBe(generated.length);
    expect(ranks).toEqual(generated);
  });

  it('counts exactly as gpt-tokenizer does, special-token lookalikes as plain text', () => {
    const texts = [
      'Write a short story about a robot who learns to paint.',
      '请写一篇关于学习绘画的机器人的短篇故事，正好三段。',
      'emoji 🤖🎨 and <|endoftext|> inside text',
      '{"instruction":"翻译","input":"hello","output":"你好"}',
    ];
    for (const text of texts) {
      expect(countO200kTokens(text)).toBe(libraryCount(text, { disallowedSpecial: new Set() }));
    }
  });

  it('drops the vocabulary after an idle period and loads it again on the next count', async () => {
    vi.useFakeTimers();
    // a fresh module instance, so that its first load happens under the fake clock
    vi.resetModules();
    const { countO200kTokens, isO200kLoaded } = await import('./o200k-encoding.js');
    expect(isO200kLoaded()).toBe(false);
    const before = countO200kTokens('hello world');
    expect(isO200kLoaded()).toBe(true);
    vi.advanceTimersByTime(O200K_IDLE_RELEASE_MS - 1000);
    countO200kTokens('a count in between keeps it loaded');
    vi.advanceTimersByTime(O200K_IDLE_RELEASE_MS - 1000);
    expect(isO200kLoaded()).toBe(true);
    vi.advanceTimersByTime(1001);
    expect(isO200kLoaded()).toBe(false);
    expect(countO200kTokens('hello world')).toBe(before);
    expect(isO200kLoaded()).toBe(true);
  });

  it('rejects a malformed vocabulary line', () => {
    expect(() => readRanks('IQ== 0\nnot-a-line\n')).toThrow(/Malformed o200k vocabulary line/);
  });
});
