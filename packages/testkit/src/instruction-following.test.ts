import { DEFAULT_JUDGE_SCALE, judgeScoresSchema } from '@datasynth/prompts';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestedFieldValues } from './prompt-analysis.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server-types.js';

const recordSchema = {
  type: 'object',
  properties: {
    question: { type: 'string' },
    level: { type: 'string', enum: ['easy', 'medium', 'hard'] },
  },
  required: ['question', 'level'],
  additionalProperties: false,
};

let server: TestServer;
let openai: OpenAI;
beforeAll(async () => {
  server = await startTestServer({ seed: 3 });
  openai = new OpenAI({ apiKey: 'test-key', baseURL: server.openaiBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());

async function ask(content: string, schema: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4.1-mini',
    messages: [{ role: 'user', content }],
    response_format: { type: 'json_schema', json_schema: { name: 'out', schema } },
  });
  const body = JSON.parse(completion.choices[0]?.message.content ?? '{}') as Record<string, unknown>;
  return Object.values(body)[0] as Record<string, unknown>[];
}

describe('following requests in the prompt', () => {
  it('reads the steering wording in English and Chinese', () => {
    const english = requestedFieldValues(
      'Write 3 new records.\n\nFor this batch:\n- `level` of each record, in order: "easy", "hard", "easy".\n- Set `kind` to 2 in every record.',
    );
    expect(english.get('level')).toEqual({ each: true, values: ['easy', 'hard', 'easy'] });
    expect(english.get('kind')).toEqual({ each: false, values: [2] });
    const chinese = requestedFieldValues('本批要求：\n- 各条记录的 `level` 依次为："a, b"、"c"。');
    expect(chinese.get('level')).toEqual({ each: true, values: ['a, b', 'c'] });
  });

  it('gives enum fields the values asked for, record by record', async () => {
    const records = await ask(
      'Write 4 new records.\n\nFor this batch:\n- `level` of each record, in order: "hard", "hard", "easy", "medium".',
      {
        type: 'object',
        properties: { records: { type: 'array', items: recordSchema } },
        required: ['records'],
      },
    );
    expect(records.map((record) => record.level)).toEqual(['hard', 'hard', 'easy', 'medium']);
  });

  it('ignores values that are not members of the enum', async () => {
    const records = await ask(
      'Write 20 new records.\n\nFor this batch:\n- Set `level` to "impossible" in every record.',
      {
        type: 'object',
        properties: { records: { type: 'array', items: recordSchema } },
        required: ['records'],
      },
    );
    expect(records).toHaveLength(20);
    expect(records.every((record) => ['easy', 'medium', 'hard'].includes(record.level as string))).toBe(true);
  });

  it('numbers an integer `index` property by position, as a judge does', async () => {
    // The very schema DataSynth's judge asks for (default 1–5 scale, five records).
    const schema = judgeScoresSchema(DEFAULT_JUDGE_SCALE, 5) as Record<string, unknown>;
    const scores = await ask('Score each of the 5 records below.', schema);
    expect(scores.map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4]);
    for (const entry of scores) {
      expect(entry.score).toBeGreaterThanOrEqual(1);
      expect(entry.score).toBeLessThanOrEqual(5);
    }
  });
});
