import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsSchema } from './records-schema.js';
import { schemaViolations } from './schema-violations.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server-types.js';

const recordSchema = {
  type: 'object',
  properties: {
    question: { type: 'string', minLength: 10, maxLength: 200 },
    difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
    score: { type: 'integer', minimum: 1, maximum: 5 },
    weight: { type: 'number', minimum: 0, maximum: 1 },
    verified: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    source: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 40 }] },
    turns: {
      type: 'array',
      minItems: 2,
      maxItems: 4,
      items: {
        type: 'object',
        properties: {
          role: { type: 'string', enum: ['user', 'assistant'] },
          content: { type: 'string' },
          tags: { type: 'array', items: { type: 'string', maxLength: 30 }, maxItems: 2 },
        },
        required: ['role', 'content'],
        additionalProperties: false,
      },
    },
    extra: { type: 'string' },
  },
  required: ['question', 'difficulty', 'score', 'weight', 'verified', 'note', 'source', 'turns'],
  additionalProperties: false,
} as const;

const wrapperSchema = {
  type: 'object' as const,
  properties: { records: { type: 'array', items: recordSchema } },
  required: ['records'],
  additionalProperties: false,
};

/**
 * The same records as the providers' documented subsets carry them (what the request builders in
 * @datasynth/providers send): constraints a provider does not take sit in the field's description
 * as a JSON object on its last line, and the server's model reads them there.
 */
const openAIStrictWrapper = {
  type: 'object' as const,
  properties: {
    records: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          question: { type: 'string', description: '{"minLength":10,"maxLength":200}' },
          difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
          score: { type: 'integer', minimum: 1, maximum: 5 },
          weight: { type: 'number', minimum: 0, maximum: 1 },
          verified: { type: 'boolean' },
          note: { type: ['string', 'null'] },
          source: { anyOf: [{ type: 'null' }, { type: 'string', description: '{"maxLength":40}' }] },
          turns: {
            type: 'array',
            minItems: 2,
            maxItems: 4,
            items: {
              type: 'object',
              properties: {
                role: { type: 'string', enum: ['user', 'assistant'] },
                content: { type: 'string' },
                tags: {
                  type: 'array',
                  items: { type: 'string', description: '{"maxLength":30}' },
                  maxItems: 2,
                },
              },
              required: ['role', 'content', 'tags'],
              additionalProperties: false,
            },
          },
        },
        required: ['question', 'difficulty', 'score', 'weight', 'verified', 'note', 'source', 'turns'],
        additionalProperties: false,
      },
    },
  },
  required: ['records'],
  additionalProperties: false,
};

const anthropicWrapper = {
  type: 'object' as const,
  properties: {
    records: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          question: { type: 'string', description: '{"minLength":10,"maxLength":200}' },
          difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
          score: { type: 'integer', description: '{"minimum":1,"maximum":5}' },
          weight: { type: 'number', description: '{"minimum":0,"maximum":1}' },
          verified: { type: 'boolean' },
          note: { type: ['string', 'null'] },
          source: { anyOf: [{ type: 'null' }, { type: 'string', description: '{"maxLength":40}' }] },
          turns: {
            type: 'array',
            description: '{"minItems":2,"maxItems":4}',
            items: {
              type: 'object',
              properties: {
                role: { type: 'string', enum: ['user', 'assistant'] },
                content: { type: 'string' },
                tags: {
                  type: 'array',
                  items: { type: 'string', description: '{"maxLength":30}' },
                  description: '{"maxItems":2}',
                },
              },
              required: ['role', 'content'],
              additionalProperties: false,
            },
          },
          extra: { type: 'string' },
        },
        required: ['question', 'difficulty', 'score', 'weight', 'verified', 'note', 'source', 'turns'],
        additionalProperties: false,
      },
    },
  },
  required: ['records'],
  additionalProperties: false,
};

let server: TestServer;
let anthropic: Anthropic;
let openai: OpenAI;

beforeAll(async () => {
  server = await startTestServer({ seed: 7 });
  anthropic = new Anthropic({ apiKey: 'test-key', baseURL: server.anthropicBaseURL, maxRetries: 0 });
  openai = new OpenAI({ apiKey: 'test-key', baseURL: server.openaiBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());

function expectConforming(records: unknown[], count: number) {
  expect(records).toHaveLength(count);
  for (const record of records) expect(schemaViolations(record, recordSchema)).toEqual([]);
  expect(new Set(records.map((record) => JSON.stringify(record))).size).toBe(count);
}

describe('Anthropic structured output', () => {
  it('answers forced tool use with a tool_use block whose input conforms to the input_schema', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 4000,
      tools: [{ name: 'emit_records', description: 'Emit records', input_schema: wrapperSchema }],
      tool_choice: { type: 'tool', name: 'emit_records' },
      messages: [{ role: 'user', content: 'Generate 6 new records.' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    const block = message.content[0];
    expect(block?.type).toBe('tool_use');
    if (block?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(block.name).toBe('emit_records');
    expectConforming((block.input as { records: unknown[] }).records, 6);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('answers output_config.format with JSON text conforming to the schema', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 4000,
      output_config: { format: { type: 'json_schema', schema: anthropicWrapper } },
      messages: [{ role: 'user', content: 'Please write 3 examples.' }],
    });
    expect(message.stop_reason).toBe('end_turn');
    const block = message.content[0];
    if (block?.type !== 'text') throw new Error('expected text');
    expectConforming(JSON.parse(block.text).records, 3);
  });

  it('refuses, as the documented limitations say, an output schema with numeric ranges or open objects', async () => {
    const refusal = async (schema: Record<string, unknown>) => {
      const error = await anthropic.messages
        .create({
          model: 'claude-sonnet-4-6',
          max_tokens: 100,
          output_config: { format: { type: 'json_schema', schema } },
          messages: [{ role: 'user', content: '1 record' }],
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      return (error as Error).message;
    };
    expect(await refusal(wrapperSchema)).toMatch(
      /output_config\.format\.schema: For 'string' type, property 'minLength' is not supported/,
    );
    expect(
      await refusal({
        type: 'object',
        properties: { n: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      }),
    ).toMatch(/For 'integer' type, property 'minimum' is not supported/);
    expect(await refusal({ type: 'object', properties: {} })).toMatch(/'additionalProperties' must be/);
    expect(
      await refusal({
        type: 'object',
        properties: { list: { type: 'array', items: { type: 'string' }, minItems: 2 } },
        additionalProperties: false,
      }),
    ).toMatch(/the value of property 'minItems' is not supported/);
  });

  it('refuses native structured output with 400 when told to, so adapters can fall back to tools', async () => {
    await using strict = await startTestServer({ rejectNativeStructuredOutput: true });
    const client = new Anthropic({ apiKey: 'k', baseURL: strict.anthropicBaseURL, maxRetries: 0 });
    const error = await client.messages
      .create({
        model: 'claude-haiku-3',
        max_tokens: 100,
        output_config: { format: { type: 'json_schema', schema: wrapperSchema } },
        messages: [{ role: 'user', content: '1 record' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('answers a plain-text prompt with a fenced JSON array shaped like the seed example in the prompt', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 4000,
      system:
        'You write training data. Example record: {"instruction": "Name a fruit", "input": "", "output": "Apple", "rating": 4, "tags": ["food"]}',
      messages: [{ role: 'user', content: 'Write 4 more records like the example.' }],
    });
    const block = message.content[0];
    if (block?.type !== 'text') throw new Error('expected text');
    const fenced = /```json\n([\s\S]*?)\n```/.exec(block.text)?.[1];
    expect(block.text.startsWith('Here are 4 new records')).toBe(true);
    const records = JSON.parse(fenced ?? 'null') as Record<string, unknown>[];
    expect(records).toHaveLength(4);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(['instruction', 'input', 'output', 'rating', 'tags']);
      expect(typeof record.instruction).toBe('string');
      expect(Number.isInteger(record.rating)).toBe(true);
      expect(Array.isArray(record.tags)).toBe(true);
    }
  });
});

describe('OpenAI structured output', () => {
  it('answers response_format json_schema (strict) with content conforming to the schema', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'You generate datasets.' },
        { role: 'user', content: 'Generate 5 unique records.' },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'records', schema: openAIStrictWrapper, strict: true },
      },
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('stop');
    expect(choice?.message.refusal).toBeNull();
    expectConforming(JSON.parse(choice?.message.content ?? '').records, 5);
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it('refuses a strict schema outside the documented subset with a 400 naming response_format', async () => {
    const refusal = async (schema: Record<string, unknown>) => {
      const error = await openai.chat.completions
        .create({
          model: 'gpt-4.1-mini',
          messages: [{ role: 'user', content: '1 record' }],
          response_format: { type: 'json_schema', json_schema: { name: 'records', schema, strict: true } },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('response_format');
      return (error as Error).message;
    };
    const closed = (properties: Record<string, unknown>) => ({
      type: 'object',
      properties,
      required: Object.keys(properties),
      additionalProperties: false,
    });
    expect(await refusal(closed({ text: { type: 'string', minLength: 3 } }))).toContain(
      "Invalid schema for response_format 'records': In context=('properties', 'text'), 'minLength' is not permitted.",
    );
    expect(await refusal({ ...closed({ a: { type: 'string' } }), required: [] })).toContain(
      "'required' is required to be supplied and to be an array including every key in properties. Missing 'a'.",
    );
    expect(await refusal({ type: 'object', properties: {}, required: [] })).toContain(
      "'additionalProperties' is required to be supplied and to be false.",
    );
    expect(await refusal(closed({ colour: { type: 'string', format: 'color-hex' } }))).toContain(
      "'format' value is not supported",
    );
    // What the guide lists is taken: ranges, multipleOf, pattern, listed formats, item counts.
    const accepted = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: '2 records' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'records',
          strict: true,
          schema: closed({
            records: {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              items: closed({
                n: { type: 'integer', minimum: 3, exclusiveMaximum: 9, multipleOf: 3 },
                code: { type: 'string', pattern: '^[a-z]+ #[0-9]+$' },
                day: { type: 'string', format: 'date' },
              }),
            },
          }),
        },
      },
    });
    const records = JSON.parse(accepted.choices[0]?.message.content ?? '').records as { n: number }[];
    expect(records).toHaveLength(2);
    for (const record of records) expect([3, 6]).toContain(record.n);
  });

  it('answers forced function calling with arguments conforming to the parameters schema', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Produce 2 samples.' }],
      tools: [{ type: 'function', function: { name: 'emit', parameters: wrapperSchema, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'emit' } },
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('emit');
    expectConforming(JSON.parse(call.function.arguments).records, 2);
  });

  it('answers json_object with a JSON object of records, and 400 when the messages never say "json"', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'Return JSON with 3 records like {"prompt": "hi", "answer": "hello"}' },
      ],
      response_format: { type: 'json_object' },
    });
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? '') as {
      records: Record<string, unknown>[];
    };
    expect(parsed.records).toHaveLength(3);
    for (const record of parsed.records) expect(Object.keys(record)).toEqual(['prompt', 'answer']);

    const error = await openai.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: '3 records' }],
        response_format: { type: 'json_object' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      "must contain the word 'json'",
    );
  });

  it('answers plain text with prose around a fenced JSON array', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Seeds: {"title": "x", "year": 1999}\nWrite 2 new samples.' }],
    });
    const content = completion.choices[0]?.message.content ?? '';
    const records = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(content)?.[1] ?? 'null') as Record<
      string,
      unknown
    >[];
    expect(records.map((record) => Object.keys(record))).toEqual([
      ['title', 'year'],
      ['title', 'year'],
    ]);
  });

  it('refuses json_object with a 400 naming response_format when told to', async () => {
    await using plain = await startTestServer({ rejectJsonSchema: true, rejectJsonObject: true });
    const client = new OpenAI({ apiKey: 'k', baseURL: plain.openaiBaseURL, maxRetries: 0 });
    const error = await client.chat.completions
      .create({
        model: 'local-model',
        messages: [{ role: 'user', content: 'Answer in json: 1 record' }],
        response_format: { type: 'json_object' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('response_format');
    const text = await client.chat.completions.create({
      model: 'local-model',
      messages: [{ role: 'user', content: 'Write 1 record.' }],
    });
    expect(text.choices[0]?.message.content).toContain('```json');
  });

  it('refuses json_schema with 400 when told to, while json_object keeps working', async () => {
    await using strict = await startTestServer({ rejectJsonSchema: true });
    const client = new OpenAI({ apiKey: 'k', baseURL: strict.openaiBaseURL, maxRetries: 0 });
    const error = await client.chat.completions
      .create({
        model: 'deepseek-chat',
        messages: [{ role: 'user', content: '1 record' }],
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: wrapperSchema } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const fallback = await client.chat.completions.create({
      model: 'deepseek-chat',
      messages: [{ role: 'user', content: 'Answer in json: 1 record' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(fallback.choices[0]?.message.content ?? '')).toHaveProperty('records');
  });
});

describe('record counts and language', () => {
  it('respects minItems/maxItems over the requested count', async () => {
    const bounded = {
      ...wrapperSchema,
      properties: { records: { type: 'array', items: recordSchema, maxItems: 3 } },
    };
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Generate 10 records' }],
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: bounded } },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '').records).toHaveLength(3);
  });

  it('writes Chinese text for a Chinese prompt and English text otherwise', async () => {
    const schema = recordsSchema({ text: { type: 'string' } });
    const ask = async (content: string) => {
      const message = await anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 2000,
        output_config: { format: { type: 'json_schema', schema } },
        messages: [{ role: 'user', content }],
      });
      const block = message.content[0];
      if (block?.type !== 'text') throw new Error('expected text');
      return (JSON.parse(block.text).records as { text: string }[]).map((record) => record.text);
    };
    const chinese = await ask('请根据示例生成3条新的指令数据，每条包含问题和回答。');
    expect(chinese).toHaveLength(3);
    for (const text of chinese) expect(text).toMatch(/^[\p{Script=Han}（）0-9。]+$/u);
    const english = await ask('Please create 3 new records.');
    for (const text of english) expect(text).toMatch(/^[A-Z][a-z ]+\. #\d+$/);
  });
});
