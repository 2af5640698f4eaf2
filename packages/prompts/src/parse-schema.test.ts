import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator } from './create-validator.js';
import { detectDataType } from './detect-data-type.js';
import { parseSchema } from './parse-schema.js';
import { PromptsError } from './prompts-error.js';
import { readSchemaFile } from './read-schema-file.js';

const examples = path.resolve(import.meta.dirname, '../../../examples');

function schemaError(run: () => unknown): PromptsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PromptsError);
    expect((error as PromptsError).code).toBe('schema_invalid');
    expect((error as PromptsError).message).not.toContain('\n');
    return error as PromptsError;
  }
  throw new Error('expected a PromptsError');
}

describe('parseSchema: DataRecipe', () => {
  it('reads the BELLE DATA_SCHEMA.json: fields, display names, enum constraint, rubric', () => {
    const { schema, warnings } = readSchemaFile(
      path.join(examples, 'datarecipe-belle-zh/04_复刻指南/DATA_SCHEMA.json'),
    );
    expect(warnings).toEqual([]);
    expect(schema.source).toBe('datarecipe');
    expect(schema.name).toBe('BELLE-zh-seed');
    expect(schema.fields.map((field) => field.name)).toEqual(['instruction', 'input', 'output', 'category']);
    expect(schema.fields.every((field) => field.required && field.type === 'string')).toBe(true);
    expect(schema.fields[0]?.displayName).toBe('用户指令');
    expect(schema.fields[3]?.constraints.enum).toEqual(['generation', 'classification']);
    expect(schema.scoringRubric).toEqual([
      { score: 1, label: '优秀', description: '回答完整准确，逻辑清晰，表达流畅' },
      { score: 0.5, label: '一般', description: '回答基本正确但有遗漏或表达不够清晰' },
      { score: 0, label: '差', description: '回答错误、离题或无实质内容' },
    ]);
  });

  it('accepts the Python vocabulary (text/int/float/bool/list) and all constraints', () => {
    const { schema } = parseSchema({
      project_name: 'demo',
      fields: [
        { name: 'q', type: 'text', constraints: { min_length: 5, max_length: 200 } },
        { name: 'score', type: 'int', constraints: { range: [1, 5] } },
        { name: 'weight', type: 'float', constraints: { range: [0, null] } },
        { name: 'ok', type: 'bool', required: false },
        { name: 'tags', type: 'list', nested_type: 'text', constraints: { min_length: 1, max_length: 3 } },
        { name: 'level', type: 'string', constraints: { enum: ['easy', 'hard'] } },
      ],
    });
    expect(schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['q', 'string'],
      ['score', 'integer'],
      ['weight', 'number'],
      ['ok', 'boolean'],
      ['tags', 'array'],
      ['level', 'string'],
    ]);
    expect(schema.fields[0]?.constraints).toEqual({ minLength: 5, maxLength: 200 });
    expect(schema.fields[1]?.constraints.range).toEqual([1, 5]);
    expect(schema.fields[2]?.constraints.range).toEqual([0, null]);
    expect(schema.fields[3]?.required).toBe(false);
    // On a list, min_length/max_length count items.
    expect(schema.fields[4]?.items?.type).toBe('string');
    expect(schema.fields[4]?.constraints).toEqual({ minItems: 1, maxItems: 3 });
  });

  it('reads nested_type as an object element spec, and nested object fields', () => {
    const { schema } = parseSchema({
      fields: [
        { name: 'instruction', type: 'string' },
        {
          name: 'instances',
          type: 'array',
          nested_type: { input: 'string', output: { type: 'text', constraints: { min_length: 1 } } },
        },
        { name: 'meta', type: 'object', fields: [{ name: 'lang', type: 'string', required: false }] },
      ],
    });
    const instances = schema.fields[1];
    expect(instances?.items?.type).toBe('object');
    expect(instances?.items?.name).toBe('');
    expect(instances?.items?.fields?.map((field) => field.name)).toEqual(['input', 'output']);
    expect(instances?.items?.fields?.[1]?.constraints.minLength).toBe(1);
    expect(schema.fields[2]?.fields?.[0]).toMatchObject({ name: 'lang', type: 'string', required: false });
  });

  it('keeps DataRecipe id/metadata as real fields: metadata is generated, id is an identifier DataSynth assigns', () => {
    const { schema, warnings } = parseSchema({
      fields: [
        { name: 'id', type: 'string' },
        { name: 'text', type: 'string' },
        { name: 'metadata', type: 'object', nested_type: ['source'] },
      ],
    });
    expect(schema.fields.map((field) => field.name)).toEqual(['text', 'metadata']);
    expect(schema.identifiers?.map((field) => field.name)).toEqual(['id']);
    expect(schema.fields[1]?.fields?.map((field) => field.name)).toEqual(['source']);
    expect(warnings.join('\n')).toMatch(/'id' identifies each record: DataSynth assigns it/);
    const validator = createValidator(schema);
    expect(validator.validate({ text: 'a', metadata: { source: 'b' } }).ok).toBe(true);
    expect(validator.validate({ id: 'SYNTH_0001', text: 'a', metadata: { source: 'b' } }).ok).toBe(true);
    expect(validator.validate({ id: 7, text: 'a', metadata: { source: 'b' } }).issues).toEqual([
      'id: expected string, got integer',
    ]);
    expect(validator.validate({ text: 'a' }).issues).toEqual(['metadata: required field missing']);
  });

  it('reads nested_type: "dict" item keys and object key lists, typed from the seeds', () => {
    const seeds = [
      { instances: [{ input: '', output: 'x' }], meta: { score: 3, tag: 'a' } },
      {
        instances: [
          { input: 'q', output: 'y' },
          { input: 'r', output: 'z' },
        ],
        meta: { score: 1, tag: 'b' },
      },
    ];
    const { schema } = parseSchema(
      {
        fields: [
          { name: 'instances', type: 'array', nested_type: 'dict' },
          { name: 'meta', type: 'object', nested_type: ['score', 'tag'] },
          { name: 'tags', type: 'array', nested_type: 'str' },
        ],
      },
      { seeds },
    );
    const [instances, meta, tags] = schema.fields;
    expect(instances?.items?.fields?.map((field) => [field.name, field.type])).toEqual([
      ['input', 'string'],
      ['output', 'string'],
    ]);
    expect(meta?.fields?.map((field) => [field.name, field.type])).toEqual([
      ['score', 'integer'],
      ['tag', 'string'],
    ]);
    expect(tags?.items?.type).toBe('string');
    expect(createValidator(schema).validate({ instances: [{}], meta: {}, tags: ['a'] }).issues).toEqual([
      'instances[0].input: required field missing',
      'instances[0].output: required field missing',
      'meta.score: required field missing',
      'meta.tag: required field missing',
    ]);
  });

  it('reads a CL-bench-style deep-analyze schema (messages, rubrics, metadata) as multi-turn with nested shapes', () => {
    const seeds = [
      {
        messages: [
          { role: 'user', content: 'Solve x + 1 = 2.' },
          { role: 'assistant', content: 'x = 1.' },
        ],
        rubrics: ['States x = 1', 'Shows the subtraction'],
        metadata: { category: 'math', sub: 'algebra' },
      },
    ];
    const { schema } = parseSchema(
      {
        fields: [
          { name: 'messages', type: 'array', nested_type: 'dict' },
          { name: 'rubrics', type: 'array', nested_type: 'str' },
          { name: 'metadata', type: 'object', nested_type: ['category', 'sub'] },
        ],
      },
      { seeds },
    );
    expect(detectDataType(schema)).toBe('multi-turn');
    expect(schema.fields.map((field) => field.name)).toEqual(['messages', 'rubrics', 'metadata']);
    const validator = createValidator(schema);
    expect(validator.validate(seeds[0]).ok).toBe(true);
    expect(validator.validate({ ...seeds[0], messages: [{ role: 'user' }], metadata: {} }).issues).toEqual([
      'messages[0].content: required field missing',
      'metadata.category: required field missing',
      'metadata.sub: required field missing',
    ]);
  });

  it('hints the preference data type from annotation_config.type "ranking"', () => {
    const { schema } = parseSchema({
      fields: [
        { name: 'chosen', type: 'string' },
        { name: 'rejected', type: 'string' },
      ],
      annotation_config: { type: 'ranking' },
    });
    expect(schema.dataTypeHint).toBe('preference');
  });

  it('keeps a message short when it quotes a huge value from the file', () => {
    const message = schemaError(() =>
      parseSchema({ text: 'lorem ipsum '.repeat(20_000) }, { file: 'seeds-as-schema.jsonl' }),
    ).message;
    expect(message.length).toBeLessThan(400);
    expect(message).toMatch(/^seeds-as-schema\.jsonl: field 'text': unknown type 'lorem ipsum .*…/);
  });

  it('names what is wrong, in one line', () => {
    expect(schemaError(() => parseSchema({ fields: [{ name: 'a', type: 'txt' }] })).message).toMatch(
      /field 'a': unknown type 'txt'/,
    );
    expect(
      schemaError(() => parseSchema({ fields: [{ name: 'n', type: 'int', constraints: { range: [5] } }] }))
        .message,
    ).toMatch(/field 'n': range must be \[min, max\]/);
    expect(schemaError(() => parseSchema({ fields: [{ type: 'string' }] })).message).toMatch(
      /missing its name/,
    );
    expect(schemaError(() => parseSchema({ fields: [] })).message).toMatch(/fields/);
    expect(schemaError(() => parseSchema({ fields: [{ name: 'a' }, { name: 'a' }] })).message).toMatch(
      /'a' is defined twice/,
    );
    expect(schemaError(() => parseSchema('instruction,output')).message).toMatch(
      /expected a DataRecipe schema/,
    );
    expect(
      schemaError(() =>
        parseSchema({ fields: [{ name: 'x', type: 'string', constraints: { enum: [1, 2] } }] }),
      ).message,
    ).toMatch(/enum value 1 is not a string/);
    const withFile = schemaError(() =>
      parseSchema({ fields: [{ name: 'a', type: 'nope' }] }, { file: 'my.json' }),
    );
    expect(withFile.file).toBe('my.json');
    expect(withFile.message.startsWith('my.json: ')).toBe(true);
  });
});

describe('parseSchema: JSON Schema', () => {
  it('reads properties, required, nullable unions, $ref and nested arrays of objects', () => {
    const { schema } = parseSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'QA',
      type: 'object',
      properties: {
        question: { type: 'string', minLength: 3, title: '问题' },
        answer: { type: 'string', description: 'the answer' },
        difficulty: { type: 'integer', minimum: 1, maximum: 5 },
        note: { type: ['string', 'null'] },
        turns: { type: 'array', items: { $ref: '#/$defs/turn' }, minItems: 1 },
      },
      required: ['question', 'answer', 'turns'],
      $defs: {
        turn: {
          type: 'object',
          properties: { role: { enum: ['user', 'assistant'] }, content: { type: 'string' } },
          required: ['role', 'content'],
        },
      },
    });
    expect(schema.source).toBe('json-schema');
    expect(schema.name).toBe('QA');
    const [question, answer, difficulty, note, turns] = schema.fields;
    expect(question).toMatchObject({ required: true, displayName: '问题', constraints: { minLength: 3 } });
    expect(answer?.description).toBe('the answer');
    expect(difficulty).toMatchObject({ type: 'integer', required: false, constraints: { range: [1, 5] } });
    expect(note).toMatchObject({ type: 'string', nullable: true, required: false });
    expect(turns?.constraints.minItems).toBe(1);
    expect(turns?.items?.fields?.map((field) => [field.name, field.type, field.constraints.enum])).toEqual([
      ['role', 'string', ['user', 'assistant']],
      ['content', 'string', undefined],
    ]);
  });

  it('rejects unions it cannot represent', () => {
    expect(
      schemaError(() => parseSchema({ type: 'object', properties: { x: { type: ['string', 'integer'] } } }))
        .message,
    ).toMatch(/field 'x': union types/);
  });
});

describe('parseSchema: field lists', () => {
  it('reads [{name, type}] and {name: type}; required defaults to true', () => {
    const list = parseSchema([
      { name: 'input', type: 'string' },
      { name: 'output', type: 'text' },
    ]).schema;
    expect(list.source).toBe('field-list');
    expect(list.fields.map((field) => [field.name, field.type, field.required])).toEqual([
      ['input', 'string', true],
      ['output', 'string', true],
    ]);
    const map = parseSchema({
      prompt: 'string',
      chosen: 'text',
      rejected: 'text',
      score: { type: 'float', required: false },
    }).schema;
    expect(map.fields.map((field) => [field.name, field.type, field.required])).toEqual([
      ['prompt', 'string', true],
      ['chosen', 'string', true],
      ['rejected', 'string', true],
      ['score', 'number', false],
    ]);
  });
});
