import { describe, expect, it } from 'vitest';
import { buildVaryingPrompt } from './build-varying-prompt.js';

// How the loopback test server reads the requested count from the last user message.
const COUNT_PATTERN =
  /(\d{1,4})\s*(?:new\s+|more\s+|additional\s+|distinct\s+|unique\s+)?(?:records?|samples?|examples?|items?|条|个)/i;

const seeds = [
  { instruction: '列出3个水果', input: '', output: '苹果、香蕉、橙子' },
  { instruction: 'List 4 items you need for camping', input: '', output: 'Tent, stove, lamp, bag' },
];

describe('buildVaryingPrompt', () => {
  it('states the count as "<N> new records" / "<N> 条", before anything a seed might say', () => {
    const en = buildVaryingPrompt({ seeds, count: 7, language: 'en' });
    expect(en).toContain('7 new records');
    expect(COUNT_PATTERN.exec(en)?.[1]).toBe('7');
    const zh = buildVaryingPrompt({ seeds, count: 12, language: 'zh' });
    expect(zh).toContain('12 条');
    expect(COUNT_PATTERN.exec(zh)?.[1]).toBe('12');
  });

  it('shows the seeds as JSON examples', () => {
    const text = buildVaryingPrompt({ seeds, count: 2, language: 'en' });
    expect(text).toContain(JSON.stringify(seeds[0]));
    expect(text).toContain(JSON.stringify(seeds[1]));
  });

  it('steers per record, for the whole batch, by topic and away from what is covered', () => {
    const perRecord = buildVaryingPrompt({
      seeds,
      count: 3,
      language: 'en',
      steering: {
        targetValues: {
          category: ['generation', 'classification', 'generation'],
          difficulty: 'hard',
          level: [1, 2],
        },
        topic: 'cooking',
        avoid: ['poems about summer', 'poems about summer', 'synonyms of "amazingly"'],
      },
    });
    expect(perRecord).toContain(
      '- `category` of each record, in order: "generation", "classification", "generation".',
    );
    expect(perRecord).toContain('- Set `difficulty` to "hard" in every record.');
    expect(perRecord).toContain('- Spread `level` over these values: 1, 2.');
    expect(perRecord).toContain('- Topic: cooking');
    expect(perRecord.match(/poems about summer/g)).toHaveLength(1);
    expect(perRecord).toContain('  - synonyms of "amazingly"');
    const zh = buildVaryingPrompt({
      seeds,
      count: 2,
      language: 'zh',
      steering: { targetValues: { category: ['generation', 'classification'] }, topic: '旅行' },
    });
    expect(zh).toContain('- 各条记录的 `category` 依次为："generation"、"classification"。');
    expect(zh).toContain('- 主题：旅行');
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => buildVaryingPrompt({ seeds, count: 0, language: 'en' })).toThrow(RangeError);
    expect(() => buildVaryingPrompt({ seeds, count: 2.5, language: 'en' })).toThrow(RangeError);
  });
});
