import { describe, expect, it } from 'vitest';
import { describeSchema } from './describe-schema.js';
import { parseSchema } from './parse-schema.js';

const schema = parseSchema({
  project_name: 'demo',
  fields: [
    {
      name: 'instruction',
      type: 'string',
      display_name: '指令',
      constraints: { min_length: 5, max_length: 200 },
    },
    { name: 'score', type: 'int', required: false, constraints: { range: [1, 5] } },
    { name: 'category', type: 'string', constraints: { enum: ['generation', 'classification'] } },
    {
      name: 'instances',
      type: 'list',
      nested_type: { input: 'string', output: 'string' },
      constraints: { min_items: 1 },
    },
  ],
  scoring_rubric: [
    { score: 0, label: 'bad', description: 'wrong' },
    { score: 1, label: 'good', description: 'right' },
  ],
}).schema;

describe('describeSchema', () => {
  it('lists names, display names, types, required, constraints, nesting and rubric (en)', () => {
    expect(describeSchema(schema, 'en')).toBe(
      [
        'Dataset: demo',
        '',
        'Each record is a JSON object with exactly these fields:',
        '- `instruction` (string, required, 5–200 characters) — 指令',
        '- `score` (integer, optional, from 1 to 5)',
        '- `category` (string, required) — allowed values: "generation", "classification"',
        '- `instances` (array of objects, required, at least 1 element)',
        '  Each element has these fields:',
        '  - `input` (string, required)',
        '  - `output` (string, required)',
        '',
        'Scoring rubric:',
        '- 1 (good): right',
        '- 0 (bad): wrong',
      ].join('\n'),
    );
  });

  it('is natural Chinese in zh', () => {
    const text = describeSchema(schema, 'zh');
    expect(text).toContain('- `instruction`（字符串、必填、长度 5–200 字） — 指令');
    expect(text).toContain('- `score`（整数、可选、取值 1 到 5）');
    expect(text).toContain('取值只能是："generation"、"classification"');
    expect(text).toContain('- `instances`（对象数组、必填、至少 1 项）');
    expect(text).toContain('- 1 分（good）：right');
  });
});

describe('describeSchema: JSON Schema string formats', () => {
  it('tells the model the format and pattern a string must have', () => {
    const { schema, warnings } = parseSchema({
      type: 'object',
      properties: {
        created_at: { type: 'string', format: 'date-time' },
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    });
    expect(warnings).toEqual([]);
    const text = describeSchema(schema, 'en');
    expect(text).toContain('`created_at` (string, optional, format date-time)');
    expect(text).toContain('`code` (string, optional, matching the regular expression ^[A-Z]{3}$)');
  });
});
