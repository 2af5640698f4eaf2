import { describe, expect, it } from 'vitest';
import { truncateGuidelines } from './truncate-guidelines.js';

describe('truncateGuidelines', () => {
  const paragraphs = Array.from(
    { length: 20 },
    (_, index) => `Paragraph ${index}. It has two sentences, this is the second.`,
  );
  const text = paragraphs.join('\n\n');

  it('keeps short guidelines as they are (line endings normalised)', () => {
    expect(truncateGuidelines('a\r\n\r\nb', 100)).toEqual({
      text: 'a\n\nb',
      truncated: false,
      originalLength: 4,
    });
  });

  it('cuts at the last paragraph boundary inside the budget', () => {
    const result = truncateGuidelines(text, 500);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(500);
    expect(text.startsWith(result.text)).toBe(true);
    expect(text.slice(result.text.length, result.text.length + 2)).toBe('\n\n');
    expect(paragraphs).toContain(result.text.split('\n\n').at(-1));
    expect(result.text.length).toBeGreaterThan(400);
  });

  it('falls back to a sentence end when one paragraph is longer than the budget', () => {
    const long = Array.from({ length: 50 }, (_, index) => `这是第${index}句话，内容比较长。`).join('');
    const result = truncateGuidelines(long, 100);
    expect(result.truncated).toBe(true);
    expect(result.text.endsWith('。')).toBe(true);
    expect(long.startsWith(result.text)).toBe(true);
  });
});
