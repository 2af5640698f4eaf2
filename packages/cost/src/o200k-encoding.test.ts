import fs from 'node:fs';
import { createRequire } from 'node:module';
import { countTokens as libraryCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countO200kTokens, LONGEST_EXACT_PIECE, O200K_IDLE_RELEASE_MS, readRanks } from './o200k-encoding.js';

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

  it('counts text with a long run exactly around it and the run in slices, within a token per slice', () => {
    const run = 'a'.repeat(LONGEST_EXACT_PIECE * 4 + 7);
    const text = `Before the run, ordinary words. ${run} After it, more words 🤖 and 中文文本。`;
    const exact = libraryCount(text, { disallowedSpecial: new Set() });
    const counted = countO200kTokens(text);
    const slices = Math.ceil(run.length / LONGEST_EXACT_PIECE);
    expect(Math.abs(counted - exact)).toBeLessThanOrEqual(slices);
    // Text without a long run is still counted in one piece, exactly.
    const natural = 'word '.repeat(LONGEST_EXACT_PIECE * 2);
    expect(countO200kTokens(natural)).toBe(libraryCount(natural, { disallowedSpecial: new Set() }));
  });

  it('keeps surrogate pairs whole when it slices a long run of emoji', () => {
    const text = '🤖'.repeat(LONGEST_EXACT_PIECE);
    const exact = libraryCount(text, { disallowedSpecial: new Set() });
    expect(Math.abs(countO200kTokens(text) - exact)).toBeLessThanOrEqual(2);
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

  it('keeps a token as text exactly when strict UTF-8 decoding gives its bytes back', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const reference = (bytes: number[]): string | number[] => {
      try {
        const text = strict.decode(new Uint8Array(bytes));
        if (Buffer.byteLength(text) === bytes.length) return text;
      } catch {}
      return bytes;
    };
    const tokens = [
      [0x68, 0x69], // ascii
      [0xe4, 0xbd, 0xa0], // 你
      [0xf0, 0x9f, 0xa4, 0x96], // 🤖
      [0xe4, 0xbd], // truncated
      [0xc0, 0xaf], // overlong '/'
      [0xe0, 0x80, 0xaf], // overlong, three bytes
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xef, 0xbb, 0xbf, 0x61], // byte-order mark first
      [0x61, 0xef, 0xbb, 0xbf], // byte-order mark later
      [0x80], // lone continuation byte
      [0xc3, 0xa9, 0xff], // invalid byte after a valid character
    ];
    const file = tokens.map((bytes, rank) => `${Buffer.from(bytes).toString('base64')} ${rank}`).join('\n');
    expect(readRanks(`${file}\n`)).toEqual(tokens.map(reference));
  });

  it('keeps the vocabulary while a hold is open, however long the gap between counts', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    const { countO200kTokens, holdTokenizer, isO200kLoaded } = await import('./o200k-encoding.js');
    const release = holdTokenizer();
    countO200kTokens('a budgeted run counts once per request');
    vi.advanceTimersByTime(10 * O200K_IDLE_RELEASE_MS);
    expect(isO200kLoaded()).toBe(true);
    release();
    release(); // a second call changes nothing
    vi.advanceTimersByTime(O200K_IDLE_RELEASE_MS - 1);
    expect(isO200kLoaded()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(isO200kLoaded()).toBe(false);
  });

  it('rejects a malformed vocabulary line', () => {
    expect(() => readRanks('IQ== 0\nnot-a-line\n')).toThrow(/Malformed o200k vocabulary line/);
    expect(() => readRanks('IQ== 0\nIg== x\n')).toThrow(/ranks must be integers in increasing order/);
    expect(() => readRanks('IQ== 5\nIg== 2\n')).toThrow(/ranks must be integers in increasing order/);
    expect(() => readRanks('IQ== \n')).toThrow(/Malformed|ranks must be/);
  });
});
