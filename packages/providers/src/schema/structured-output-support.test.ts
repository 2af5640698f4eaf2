import { describe, expect, it } from 'vitest';
import { toAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { toOpenAIRequest } from '../openai/convert-to-openai-request.js';
import { openAICompatProfile } from '../openai/openai-compat-profile.js';
import type { GenerateRequest } from '../spec/generate-request.js';
import type { JsonSchema } from '../spec/json-schema.js';
import { readConstraintNote } from './constraint-note.js';

type Schema = Record<string, unknown>;

/**
 * One field per constraint kind, and what each provider's documentation says happens to it:
 * 'keep' (sent as a keyword) or 'move' (not accepted: left out and written into the field's
 * description). OpenAI: https://platform.openai.com/docs/guides/structured-outputs#supported-schemas;
 * Anthropic: https://platform.claude.com/docs/en/build-with-claude/structured-outputs (both read
 * 2026-12-06). Written from the pages, not from structured-output-support.ts, so the table is checked.
 */
const kinds: {
  field: string;
  schema: Schema;
  keyword: string;
  openai: 'keep' | 'move';
  anthropic: 'keep' | 'move';
}[] = [
  {
    field: 'min',
    schema: { type: 'integer', minimum: 1 },
    keyword: 'minimum',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'max',
    schema: { type: 'integer', maximum: 5 },
    keyword: 'maximum',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'xmin',
    schema: { type: 'number', exclusiveMinimum: 0 },
    keyword: 'exclusiveMinimum',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'xmax',
    schema: { type: 'number', exclusiveMaximum: 1 },
    keyword: 'exclusiveMaximum',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'step',
    schema: { type: 'number', multipleOf: 0.5 },
    keyword: 'multipleOf',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'short',
    schema: { type: 'string', minLength: 20 },
    keyword: 'minLength',
    openai: 'move',
    anthropic: 'move',
  },
  {
    field: 'long',
    schema: { type: 'string', maxLength: 400 },
    keyword: 'maxLength',
    openai: 'move',
    anthropic: 'move',
  },
  {
    field: 'code',
    schema: { type: 'string', pattern: '^[a-z]+$' },
    keyword: 'pattern',
    openai: 'keep',
    anthropic: 'keep',
  },
  {
    field: 'word',
    schema: { type: 'string', pattern: '\\bword\\b' },
    keyword: 'pattern',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'day',
    schema: { type: 'string', format: 'date' },
    keyword: 'format',
    openai: 'keep',
    anthropic: 'keep',
  },
  {
    field: 'link',
    schema: { type: 'string', format: 'uri' },
    keyword: 'format',
    openai: 'move',
    anthropic: 'keep',
  },
  {
    field: 'colour',
    schema: { type: 'string', format: 'color-hex' },
    keyword: 'format',
    openai: 'move',
    anthropic: 'move',
  },
  {
    field: 'one',
    schema: { type: 'array', items: { type: 'string' }, minItems: 1 },
    keyword: 'minItems',
    openai: 'keep',
    anthropic: 'keep',
  },
  {
    field: 'two',
    schema: { type: 'array', items: { type: 'string' }, minItems: 2 },
    keyword: 'minItems',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'few',
    schema: { type: 'array', items: { type: 'string' }, maxItems: 3 },
    keyword: 'maxItems',
    openai: 'keep',
    anthropic: 'move',
  },
  {
    field: 'set',
    schema: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    keyword: 'uniqueItems',
    openai: 'move',
    anthropic: 'move',
  },
  {
    field: 'pick',
    schema: { type: 'string', enum: ['a', 'b'] },
    keyword: 'enum',
    openai: 'keep',
    anthropic: 'keep',
  },
  { field: 'fixed', schema: { const: 'x' }, keyword: 'const', openai: 'keep', anthropic: 'keep' },
  {
    field: 'either',
    schema: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    keyword: 'anyOf',
    openai: 'keep',
    anthropic: 'keep',
  },
];

const recordSchema: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(kinds.map((kind) => [kind.field, kind.schema])),
  required: kinds.map((kind) => kind.field),
};

const request: GenerateRequest = {
  system: [{ text: 'Write records as JSON.' }],
  messages: [{ role: 'user', content: 'Write 1 record.' }],
  output: { name: 'record', schema: recordSchema },
  maxTokens: 500,
};

function expectKinds(sent: Schema, provider: 'openai' | 'anthropic') {
  const properties = sent.properties as Record<string, Schema>;
  for (const kind of kinds) {
    const field = properties[kind.field] as Schema;
    const value = kind.schema[kind.keyword];
    if (kind[provider] === 'keep') {
      expect(field[kind.keyword], `${provider} ${kind.field}`).toEqual(value);
      expect(readConstraintNote(field.description), `${provider} ${kind.field}`).toEqual({});
    } else {
      expect(field[kind.keyword], `${provider} ${kind.field}`).toBeUndefined();
      expect(readConstraintNote(field.description)[kind.keyword], `${provider} ${kind.field}`).toEqual(value);
    }
  }
}

describe('structured-output requests against each provider’s documented table', () => {
  it('OpenAI strict: keeps every constraint kind the guide lists, moves the others into descriptions', () => {
    const converted = toOpenAIRequest(request, 'gpt-4.1-mini', 'json_schema', openAICompatProfile('openai'), {
      dropTemperature: false,
    });
    const format = converted.params.response_format as { json_schema: { schema: Schema; strict: boolean } };
    expect(format.json_schema.strict).toBe(true);
    expectKinds(format.json_schema.schema, 'openai');
    expect(converted.removedConstraints).toEqual([
      'short.minLength',
      'long.maxLength',
      'link.format(uri)',
      'colour.format(color-hex)',
      'set.uniqueItems',
    ]);
  });

  it('Anthropic output_config.format: follows the JSON Schema limitations, moving the rest into descriptions', () => {
    const converted = toAnthropicRequest(request, 'claude-haiku-5-5', 'native_json_schema');
    const format = converted.params.output_config?.format as { schema: Schema };
    expectKinds(format.schema, 'anthropic');
    expect(format.schema.additionalProperties).toBe(false);
    expect(converted.removedConstraints).toContain('min.minimum');
    expect(converted.removedConstraints).toContain('two.minItems');
  });

  it('Anthropic forced tool use sends the schema as given (a non-strict tool takes any JSON Schema)', () => {
    const converted = toAnthropicRequest(request, 'claude-haiku-5-5', 'tool');
    expect(converted.params.tools?.[0]).toMatchObject({ input_schema: recordSchema });
    expect(converted.removedConstraints).toEqual([]);
  });

  it('OpenAI-compatible servers get the schema as given, without strict', () => {
    const converted = toOpenAIRequest(request, 'llama3', 'json_schema', openAICompatProfile('generic'), {
      dropTemperature: false,
    });
    const format = converted.params.response_format as { json_schema: { schema: Schema; strict?: boolean } };
    expect(format.json_schema.strict).toBeUndefined();
    expect(format.json_schema.schema).toEqual(recordSchema);
  });
});
