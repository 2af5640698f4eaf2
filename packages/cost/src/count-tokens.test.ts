import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLAUDE_2026_TOKENIZER_FACTOR,
  CLAUDE_CJK_TOKEN_FACTOR,
  CLAUDE_LATIN_TOKEN_FACTOR,
  countTokens,
} from './count-tokens.js';
import { listPrices } from './lookup-price.js';

const english = 'Write a short story about a robot who learns to paint, in exactly three paragraphs.';
const chinese = '请写一篇关于学习绘画的机器人的短篇故事，正好三段。';

describe('countTokens', () => {
  it('counts English and Chinese text with o200k for OpenAI and unknown models', () => {
    const englishTokens = countTokens(english);
    const chineseTokens = countTokens(chinese);
    expect(englishTokens).toBeGreaterThan(10);
    expect(englishTokens).toBeLessThan(english.length / 2);
    expect(chineseTokens).toBeGreaterThan(5);
    expect(chineseTokens).toBeLessThanOrEqual(chinese.length);
    expect(countTokens(english, { model: 'gpt-4.1' })).toBe(englishTokens);
    expect(countTokens(english, { model: 'deepseek-flash' })).toBe(englishTokens);
    expect(countTokens('')).toBe(0);
  });

  it('scales counts for Claude on the older tokenizer', () => {
    const base = countTokens(english);
    expect(countTokens(english, { model: 'claude-sonnet-4-5-20250929' })).toBe(
      Math.ceil(base * CLAUDE_LATIN_TOKEN_FACTOR),
    );
    expect(countTokens(chinese, { model: 'claude-haiku-4-5' })).toBe(
      Math.ceil(countTokens(chinese) * CLAUDE_CJK_TOKEN_FACTOR),
    );
  });

  it('adds the newer-tokenizer factor for Claude Opus 4.7 and later, and for unknown claude-* ids', () => {
    const base = countTokens(english);
    const expected = Math.ceil(base * CLAUDE_LATIN_TOKEN_FACTOR * CLAUDE_2026_TOKENIZER_FACTOR);
    expect(countTokens(english, { model: 'claude-opus-5-5' })).toBe(expected);
    expect(countTokens(english, { model: 'anthropic:claude-opus-9' })).toBe(expected);
  });

  it('marks every Claude model from Opus 4.7 on as on the newer tokenizer, and every earlier one as not', () => {
    // claude-opus-4-7 → 4.7, claude-sonnet-5 → 5.0, claude-3-7-sonnet → 3.7
    const version = (id: string): number => {
      const [, major, minor] = /^claude-(?:[a-z]+-)?(\d+)(?:-(\d+))?/.exec(id) ?? [];
      return Number(major) + Number(minor ?? 0) / 10;
    };
    const claude = listPrices().filter((entry) => entry.provider === 'anthropic');
    expect(claude.length).toBeGreaterThan(15);
    for (const entry of claude) {
      expect(entry.tokenizer, entry.id).toBe(version(entry.id) >= 4.7 ? 'claude-2026' : 'claude-legacy');
    }
  });

  it('weights the Claude factor by the share of CJK characters in mixed text', () => {
    const mixed = `${english} ${chinese}`;
    const claude = countTokens(mixed, { model: 'claude-sonnet-4-6' });
    const base = countTokens(mixed);
    expect(claude).toBeGreaterThan(Math.ceil(base * CLAUDE_LATIN_TOKEN_FACTOR));
    expect(claude).toBeLessThan(Math.ceil(base * CLAUDE_CJK_TOKEN_FACTOR));
  });

  it('counts text that looks like special tokens as plain text', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('gives OpenAI-exact counts and plausible ratios on real seed data', () => {
    expect(countTokens('Hello world', { model: 'gpt-4o' })).toBe(2); // "Hello", " world"
    const examples = path.resolve(import.meta.dirname, '../../../examples');
    const english = fs.readFileSync(path.join(examples, 'self-instruct/seed_tasks.jsonl'), 'utf8');
    const chinese = fs.readFileSync(
      path.join(examples, 'datarecipe-belle-zh/09_样例数据/samples.json'),
      'utf8',
    );
    const englishCharsPerToken = english.length / countTokens(english);
    expect(englishCharsPerToken).toBeGreaterThan(3);
    expect(englishCharsPerToken).toBeLessThan(5.5);
    const chineseCharsPerToken = chinese.length / countTokens(chinese);
    expect(chineseCharsPerToken).toBeGreaterThan(0.8);
    expect(chineseCharsPerToken).toBeLessThan(3);
    // Claude on the same Chinese file costs noticeably more tokens.
    expect(countTokens(chinese, { model: 'claude-sonnet-4-6' })).toBeGreaterThan(countTokens(chinese) * 1.25);
  });

  // Recorded Claude counts of the repository's seed files (scripts/record-claude-token-counts.py):
  // the estimate may err high but must not undershoot a whole file, on either tokenizer generation.
  describe('against recorded Claude counts of the seed files', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const recorded = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, '__fixtures__/claude-token-counts.json'), 'utf8'),
    ) as Record<'english' | 'chinese', { file: string; counts: { legacy: number; current: number }[] }>;
    const englishLines = fs
      .readFileSync(path.join(root, recorded.english.file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const chineseSamples = (
      JSON.parse(fs.readFileSync(path.join(root, recorded.chinese.file), 'utf8')) as {
        samples: { data: { instruction: string; input: string; output: string } }[];
      }
    ).samples.map(({ data }) => [data.instruction, data.input, data.output].join('\n'));
    const corpora = { english: englishLines, chinese: chineseSamples };
    const generations = { legacy: 'claude-sonnet-4-6', current: 'claude-sonnet-5-5' } as const;

    for (const corpus of ['english', 'chinese'] as const) {
      for (const [generation, model] of Object.entries(generations) as ['legacy' | 'current', string][]) {
        it(`estimates ${corpus} text for ${model} at 1.00–1.10× the recorded count, no record below 0.8×`, () => {
          const texts = corpora[corpus];
          const counts = recorded[corpus].counts;
          expect(texts.length).toBe(counts.length);
          let estimated = 0;
          let actual = 0;
          texts.forEach((text, index) => {
            const estimate = countTokens(text, { model });
            const truth = counts[index]?.[generation] ?? Number.NaN;
            estimated += estimate;
            actual += truth;
            expect(estimate / truth, `${corpus} #${index}`).toBeGreaterThanOrEqual(0.8);
          });
          const ratio = estimated / actual;
          expect(ratio).toBeGreaterThanOrEqual(1);
          expect(ratio).toBeLessThanOrEqual(1.1);
        });
      }
    }
  });
});
