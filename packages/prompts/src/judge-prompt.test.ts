import { describe, expect, it } from 'vitest';
import type { DatasetSchema } from './dataset-schema.js';
import { buildJudgePrompt, DEFAULT_JUDGE_SCALE, judgeScale } from './judge-prompt.js';
import { judgeScoresSchema, parseJudgeScores } from './judge-scores.js';
import { buildTopicsPrompt, parseTopics, topicsSchema } from './topics-prompt.js';

const schema: DatasetSchema = {
  source: 'datarecipe',
  name: 'qa',
  fields: [
    { name: 'question', type: 'string', required: true, constraints: {} },
    { name: 'answer', type: 'string', required: true, constraints: {} },
  ],
  scoringRubric: [
    { score: 1, label: 'good', description: 'correct and complete' },
    { score: 0, label: 'bad', description: 'wrong' },
  ],
};
const records = [
  { question: 'What is 2+2?', answer: '4' },
  { question: 'Capital of France?', answer: 'Lyon' },
];

describe('buildJudgePrompt', () => {
  it('puts the schema rubric and its scale in the stable part, and numbers the records', () => {
    const prompt = buildJudgePrompt({ schema, records, language: 'en' });
    expect(prompt.scale).toEqual({ min: 0, max: 1 });
    expect(prompt.system).toContain('correct and complete');
    expect(prompt.system).toContain('from 0 (worst) to 1 (best)');
    expect(prompt.user).toMatch(/^Score each of the 2 records below\./);
    expect(prompt.user).toContain('[1] {"question":"Capital of France?","answer":"Lyon"}');
    // the system part does not depend on the records: it can be cached across calls
    expect(buildJudgePrompt({ schema, records: records.slice(1), language: 'en' }).system).toBe(
      prompt.system,
    );
  });

  it('takes a free-text rubric on the default scale, in Chinese', () => {
    const prompt = buildJudgePrompt({ schema, records, language: 'zh', rubric: '答案必须正确。' });
    expect(prompt.scale).toEqual(DEFAULT_JUDGE_SCALE);
    expect(prompt.system).toContain('答案必须正确。');
    expect(prompt.user).toContain('请为下面 2 条记录逐条打分');
    expect(judgeScale(undefined)).toEqual({ min: 1, max: 5 });
  });
});

describe('parseJudgeScores', () => {
  const scale = { min: 0, max: 1 };
  it('reads structured output and text, keeping the first usable score per record', () => {
    const object = {
      scores: [
        { index: 1, score: 0, reason: 'wrong capital' },
        { index: 0, score: 1, reason: 'right' },
        { index: 1, score: 1, reason: 'again' },
        { index: 7, score: 1, reason: 'no such record' },
      ],
    };
    const parsed = parseJudgeScores(object, 2, scale);
    expect(parsed.scores).toEqual([
      { index: 0, score: 1, reason: 'right' },
      { index: 1, score: 0, reason: 'wrong capital' },
    ]);
    expect(parsed.issues).toHaveLength(2);
    const fromText = parseJudgeScores(
      `Here you go:\n\`\`\`json\n${JSON.stringify(object)}\n\`\`\``,
      2,
      scale,
    );
    expect(fromText.scores).toEqual(parsed.scores);
  });

  it('leaves a record unscored when its score is outside the scale', () => {
    const parsed = parseJudgeScores({ scores: [{ index: 0, score: 5, reason: '' }] }, 2, scale);
    expect(parsed.scores).toEqual([undefined, undefined]);
    expect(parsed.issues[0]).toContain('outside 0–1');
  });

  it('asks for index, score and reason within the ranges', () => {
    const items = (
      judgeScoresSchema(scale, 3) as {
        properties: { scores: { items: { properties: Record<string, unknown> } } };
      }
    ).properties.scores.items.properties;
    expect(items.index).toEqual({ type: 'integer', minimum: 0, maximum: 2 });
    expect(items.score).toEqual({ type: 'number', minimum: 0, maximum: 1 });
  });
});

describe('topics', () => {
  it('asks for a count of topics and reads them back distinct', () => {
    const prompt = buildTopicsPrompt({ schema, seeds: records, count: 5, language: 'en' });
    expect(prompt.user).toMatch(/^List 5 items/);
    expect(prompt.user).toContain('Capital of France?');
    expect(topicsSchema(5)).toMatchObject({ properties: { topics: { minItems: 5, maxItems: 5 } } });
    expect(parseTopics({ topics: ['Maths ', 'maths', '', 'history'] })).toEqual(['Maths', 'history']);
    expect(parseTopics('Sure: {"topics": ["a", "b"]}')).toEqual(['a', 'b']);
  });
});
