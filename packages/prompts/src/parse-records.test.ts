import { describe, expect, it } from 'vitest';
import { parseRecords } from './parse-records.js';
import { parseSchema } from './parse-schema.js';

const schema = parseSchema({
  fields: [
    { name: 'instruction', type: 'text' },
    { name: 'response', type: 'text' },
  ],
}).schema;

const fence = (body: string, language = 'json') => `\`\`\`${language}\n${body}\n\`\`\``;

describe('parseRecords: the Python original cases', () => {
  it('JSON in a code block', () => {
    const reply = `Here is the data:\n${fence('[{"a": 1}, {"a": 2}]')}\n`;
    expect(parseRecords(reply)).toEqual({ records: [{ a: 1 }, { a: 2 }], dropped: [], truncated: false });
  });

  it('a direct array in prose', () => {
    expect(parseRecords('Some text [{"a": 1}, {"a": 2}] more text').records).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('no JSON at all', () => {
    const result = parseRecords('Just some text without JSON');
    expect(result.records).toEqual([]);
    expect(result.dropped).toEqual([
      { reason: 'no JSON found in the reply', snippet: 'Just some text without JSON' },
    ]);
  });

  it('several loose objects', () => {
    expect(parseRecords('{"a": 1} some text {"b": 2}').records).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('an invalid object next to a valid one', () => {
    expect(parseRecords('{invalid} {"valid": true}').records).toEqual([{ valid: true }]);
  });

  it('a fenced array of schema records', () => {
    const reply = fence(
      '[\n  {"instruction": "问题1", "response": "回答1"},\n  {"instruction": "问题2", "response": "回答2"}\n]',
    );
    const result = parseRecords(reply, schema);
    expect(result.records).toHaveLength(2);
    expect(result.records[0]?.instruction).toBe('问题1');
  });

  it('surrounding prose', () => {
    const reply =
      'Here are the generated samples:\n\n[{"instruction": "问题", "response": "回答"}]\n\nHope this helps!';
    expect(parseRecords(reply, schema).records).toEqual([{ instruction: '问题', response: '回答' }]);
  });

  it('drops records without any schema field, with the reason', () => {
    const reply = '[\n  {"instruction": "valid", "response": "valid"},\n  {"unrelated_field": "invalid"}\n]';
    const result = parseRecords(reply, schema);
    expect(result.records).toEqual([{ instruction: 'valid', response: 'valid' }]);
    expect(result.dropped).toEqual([
      {
        reason: 'no schema field (expected some of: instruction, response)',
        snippet: '{"unrelated_field":"invalid"}',
      },
    ]);
  });
});

describe('parseRecords: text replies', () => {
  it('reads several fences, unlabelled ones too, and ignores non-JSON fences beside them', () => {
    const reply = [
      'First batch:',
      fence('[{"instruction": "a", "response": "1"}]'),
      'A helper I used:',
      fence("print({'instruction': 'not a record'})", 'python'),
      'Second batch:',
      fence('{"instruction": "b", "response": "2"}\n{"instruction": "c", "response": "3"}', ''),
    ].join('\n');
    expect(parseRecords(reply, schema).records.map((record) => record.instruction)).toEqual(['a', 'b', 'c']);
  });

  it('reads JSONL-style objects in a row', () => {
    const lines = [1, 2, 3, 4]
      .map((n) => JSON.stringify({ instruction: `q${n}`, response: `r${n}` }))
      .join('\n');
    expect(parseRecords(lines, schema).records).toHaveLength(4);
  });

  it('repairs near-JSON: comments, trailing commas, single and smart quotes', () => {
    const reply = fence(
      [
        '[',
        '  // the first one',
        "  {'instruction': '写一首诗', 'response': “春眠不觉晓”,},",
        '  /* the second */ {"instruction": "b", "response": "c",},',
        ']',
      ].join('\n'),
    );
    const result = parseRecords(reply, schema);
    expect(result.records).toEqual([
      { instruction: '写一首诗', response: '春眠不觉晓' },
      { instruction: 'b', response: 'c' },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('keeps the good records of an array that cannot be repaired as a whole', () => {
    const reply =
      '[{"instruction": "q1", "response": "r1"}, {"instruction" "q2" ::}, {"instruction": "q3", "response": "r3"}]';
    const result = parseRecords(reply, schema);
    expect(result.records.map((record) => record.instruction)).toEqual(['q1', 'q3']);
    expect(result.dropped).toHaveLength(1);
    expect(result.dropped[0]?.reason).toMatch(/^invalid JSON/);
    expect(result.dropped[0]?.snippet).toBe('{"instruction" "q2" ::}');
  });

  it('drops non-object items with a reason', () => {
    const result = parseRecords('[{"instruction": "a", "response": "b"}, "oops", 42]', schema);
    expect(result.records).toHaveLength(1);
    expect(result.dropped.map((item) => item.reason)).toEqual([
      'not a JSON object (got string)',
      'not a JSON object (got integer)',
    ]);
  });

  it('does not mistake bracketed prose for failed records', () => {
    const reply = 'As requested [see below] here they are [1]:\n[{"instruction": "a", "response": "b"}]';
    expect(parseRecords(reply, schema)).toEqual({
      records: [{ instruction: 'a', response: 'b' }],
      dropped: [],
      truncated: false,
    });
  });

  it('extracts without validating constraints (validation is separate)', () => {
    expect(parseRecords('[{"instruction": 5, "extra": true}]', schema).records).toEqual([
      { instruction: 5, extra: true },
    ]);
  });

  it('unwraps {id, data} sample wrappers when the schema fields are inside data', () => {
    const reply = JSON.stringify({
      samples: [{ id: 'SYNTH_0001', data: { instruction: 'a', response: 'b' }, synthetic: true }],
    });
    expect(parseRecords(reply, schema).records).toEqual([{ instruction: 'a', response: 'b' }]);
    const withDataField = parseSchema({ id: 'string', data: 'object' }).schema;
    expect(parseRecords('[{"id": "x", "data": {"k": 1}}]', withDataField).records).toEqual([
      { id: 'x', data: { k: 1 } },
    ]);
  });
});

describe('parseRecords: truncated output', () => {
  const records = Array.from({ length: 5 }, (_, index) => ({
    instruction: `task ${index} with [brackets] and {braces}`,
    response: `answer ${index}: "quoted" ]}`,
  }));
  const full = JSON.stringify(records, null, 2);

  it('keeps every complete record and flags the cut', () => {
    const cut = full.slice(0, full.indexOf('task 3') + 10);
    const result = parseRecords(`Sure!\n\`\`\`json\n${cut}`, schema);
    expect(result.truncated).toBe(true);
    expect(result.records).toEqual(records.slice(0, 3));
    expect(result.dropped).toHaveLength(1);
    expect(result.dropped[0]?.reason).toBe('truncated: the reply ends inside this record');
    expect(result.dropped[0]?.snippet).toContain('task 3');
  });

  it('cut right after a record: all complete records, nothing half-read', () => {
    // Up to (not including) the `{` that opens record 2: "…record 1 },\n  ".
    const cut = full.slice(0, full.lastIndexOf('{', full.indexOf('task 2')));
    expect(cut.trimEnd().endsWith('},')).toBe(true);
    const result = parseRecords(cut, schema);
    expect(result.truncated).toBe(true);
    expect(result.records).toEqual(records.slice(0, 2));
    expect(result.dropped).toEqual([]);
  });

  it('salvages from inside a {records: [...]} envelope', () => {
    const envelope = JSON.stringify({ records }, null, 2);
    const result = parseRecords(envelope.slice(0, envelope.indexOf('task 4')), schema);
    expect(result.truncated).toBe(true);
    expect(result.records).toEqual(records.slice(0, 4));
  });

  it('cut before the first key: nothing to keep, but still flagged', () => {
    const result = parseRecords('```json\n[\n  {\n    "instr', schema);
    expect(result).toMatchObject({ records: [], truncated: true });
    expect(result.dropped[0]?.reason).toBe('truncated: the reply ends inside this record');
  });

  it('an unclosed bracket in prose after complete JSON is not a truncation', () => {
    const result = parseRecords(
      '[{"instruction": "a", "response": "b"}]\nWant more? Just ask {or tell me [what to change',
      schema,
    );
    expect(result).toEqual({ records: [{ instruction: 'a', response: 'b' }], dropped: [], truncated: false });
  });

  it('a single record cut off is dropped with a reason', () => {
    const result = parseRecords('{"instruction": "a", "response": "unfinished', schema);
    expect(result).toMatchObject({ records: [], truncated: true });
    expect(result.dropped[0]?.reason).toBe('truncated: the reply ends inside this record');
  });
});

describe('parseRecords: structured output', () => {
  const a = { instruction: 'a', response: '1' };
  const b = { instruction: 'b', response: '2' };

  it('accepts {records}, {samples}, arrays and single objects', () => {
    expect(parseRecords({ records: [a, b] }, schema).records).toEqual([a, b]);
    expect(parseRecords({ samples: [{ id: 'S1', data: a }] }, schema).records).toEqual([a]);
    expect(parseRecords([a, b], schema).records).toEqual([a, b]);
    expect(parseRecords(a, schema).records).toEqual([a]);
    expect(parseRecords({ records: [a, b] }).records).toEqual([a, b]);
  });

  it('reads a records array a model sent as a JSON string', () => {
    expect(parseRecords({ records: JSON.stringify([a, b]) }, schema).records).toEqual([a, b]);
  });

  it('says when there is nothing', () => {
    expect(parseRecords(null).dropped[0]?.reason).toBe('no structured output in the reply');
    expect(parseRecords({ records: [] }).dropped[0]?.reason).toBe('the reply holds no records');
  });

  it('removes the nulls strict structured output uses for left-out optional fields', () => {
    const optional = parseSchema({
      type: 'object',
      properties: { q: { type: 'string' }, note: { type: 'string' }, maybe: { type: ['string', 'null'] } },
      required: ['q', 'maybe'],
    }).schema;
    const input = { records: [{ q: 'x', note: null, maybe: null }] };
    expect(parseRecords(input, optional).records).toEqual([{ q: 'x', maybe: null }]);
    expect(input.records[0]).toEqual({ q: 'x', note: null, maybe: null });
  });
});
