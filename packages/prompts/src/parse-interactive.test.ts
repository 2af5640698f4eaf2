import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInteractive } from './parse-interactive.js';
import { readDataRecipeFolder } from './read-datarecipe-folder.js';

const { schema } = readDataRecipeFolder(
  path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh'),
);

describe('parseInteractive', () => {
  it('returns only valid records and says what was dropped and why', () => {
    const reply = [
      '好的，以下是新记录：',
      '```json',
      '[',
      '  {"instruction": "把下面的句子翻译成英文", "input": "今天天气很好", "output": "The weather is nice today.", "category": "generation"},',
      '  {"instruction": "判断情感", "input": "我很开心", "category": "classification"},',
      '  {"instruction": "写一句口号", "input": "", "output": "绿水青山", "category": "slogan"},',
      '  {"title": "not a record"},',
      '  {"instruction": "最后一条", "input": "", "output": "被截',
    ].join('\n');
    const result = parseInteractive(reply, schema);
    expect(result.records).toEqual([
      {
        instruction: '把下面的句子翻译成英文',
        input: '今天天气很好',
        output: 'The weather is nice today.',
        category: 'generation',
      },
    ]);
    expect(result.issues).toEqual([
      'dropped: truncated: the reply ends inside this record: {"instruction": "最后一条", "input": "", "output": "被截',
      'dropped: no schema field (expected some of: instruction, input, output, category): {"title":"not a record"}',
      'the reply was cut off; the 3 complete record(s) before the cut were read',
      'record 2: output: required field missing',
      "record 3: category: 'slogan' is not one of generation, classification",
    ]);
  });
});
