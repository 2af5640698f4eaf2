import { describe, expect, it } from 'vitest';
import { CJK_SHARE_THRESHOLD, detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it('picks zh for Chinese seeds and en for English seeds', () => {
    expect(detectLanguage([{ instruction: '请以下面词语为主题写一首诗', input: '夏天' }])).toBe('zh');
    expect(detectLanguage([{ instruction: 'Write a poem about summer', input: '' }])).toBe('en');
  });

  it('Chinese records with English code in them are still zh (threshold 0.2)', () => {
    expect(CJK_SHARE_THRESHOLD).toBe(0.2);
    // BELLE SAMPLE_004: more Latin letters than Han characters, still a Chinese record.
    const seed = {
      instruction: '根据自然语言描述，生成可以在数据库表执行的SQL语句',
      input:
        '查询讲师平均工资高于整体平均水平的部门的名称和预算。\n给出两个表：instructor（讲师）、department（部门）',
      output:
        'SELECT d.name, d.budget FROM instructor i JOIN department d ON i.dept_name = d.name GROUP BY i.dept_name HAVING AVG(i.salary) > (SELECT AVG(salary) FROM instructor)',
    };
    expect(detectLanguage([seed])).toBe('zh');
  });

  it('an English record mentioning one Chinese name stays en', () => {
    expect(
      detectLanguage([
        { text: 'The poet 李白 wrote many poems about the moon and wine during the Tang dynasty.' },
      ]),
    ).toBe('en');
  });

  it('looks at values, not keys, and defaults to en without letters', () => {
    expect(detectLanguage([{ 指令: 'hello there', 输出: 'general kenobi' }])).toBe('en');
    expect(detectLanguage([{ n: 1 }, { n: 2 }])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('stops after about 200,000 letters even inside one long value', () => {
    // Reading on would find a Chinese majority; the decision is made on the first 200,000 letters.
    expect(detectLanguage([{ text: `${'a'.repeat(200_000)}${'中'.repeat(300_000)}` }])).toBe('en');
  });
});
