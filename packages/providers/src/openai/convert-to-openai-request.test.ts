import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../spec/generate-request.js';
import { seedTaskRequest } from '../testing/seed-task-request.js';
import { toOpenAIRequest } from './convert-to-openai-request.js';
import { openAICompatProfile } from './openai-compat-profile.js';

describe('toOpenAIRequest', () => {
  it('sends a strict JSON-schema response format and max_completion_tokens to OpenAI', () => {
    const request = { ...seedTaskRequest(), temperature: 0.4 };
    const { params, strict, removedConstraints } = toOpenAIRequest(
      request,
      'gpt-4.1-mini',
      'json_schema',
      openAICompatProfile('openai'),
      {
        dropTemperature: false,
      },
    );
    expect(strict).toBe(true);
    expect(removedConstraints).toEqual([
      'records[].name.minLength',
      'records[].name.maxLength',
      'records[].instruction.minLength',
    ]);
    expect(params.max_completion_tokens).toBe(2048);
    expect(params.max_tokens).toBeUndefined();
    expect(params.temperature).toBe(0.4);
    expect(params.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: {
        name: 'submit_tasks',
        strict: true,
        schema: { additionalProperties: false, required: ['records'] },
      },
    });
    expect(params.messages[0]).toMatchObject({ role: 'system' });
    expect(params.messages).toHaveLength(2);
    expect(String(params.messages[0]?.content)).toContain('Never repeat an example.');
  });

  it('sends the schema as given, without strict, to ollama and vLLM, with max_tokens', () => {
    const request = seedTaskRequest();
    const { params, strict } = toOpenAIRequest(
      request,
      'llama3',
      'json_schema',
      openAICompatProfile('vllm'),
      {
        dropTemperature: false,
      },
    );
    expect(strict).toBe(false);
    expect(params.max_tokens).toBe(2048);
    expect(params.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'submit_tasks',
        description: 'Submit the new tasks.',
        schema: request.output?.schema,
      },
    });
  });

  it('adds "Respond with JSON." for JSON mode only when no text mentions JSON', () => {
    const profile = openAICompatProfile('deepseek');
    const plain: GenerateRequest = {
      system: [{ text: 'You write short product reviews.', cache: true }, { text: 'Vary the products.' }],
      messages: [{ role: 'user', content: 'Write 3 reviews.' }],
      output: { name: 'reviews', schema: { type: 'object', properties: { reviews: { type: 'array' } } } },
      maxTokens: 400,
    };
    const { params } = toOpenAIRequest(plain, 'deepseek-chat', 'json_object', profile, {
      dropTemperature: false,
    });
    expect(params.response_format).toEqual({ type: 'json_object' });
    expect(String(params.messages[0]?.content).endsWith('\n\nRespond with JSON.')).toBe(true);

    const mentions = { ...plain, system: [{ text: 'Answer in json.' }] };
    const again = toOpenAIRequest(mentions, 'deepseek-chat', 'json_object', profile, {
      dropTemperature: false,
    });
    expect(again.params.messages[0]?.content).toBe('Answer in json.');

    const noSystem = { ...plain, system: [] };
    const added = toOpenAIRequest(noSystem, 'deepseek-chat', 'json_object', profile, {
      dropTemperature: false,
    });
    expect(added.params.messages[0]).toEqual({ role: 'system', content: 'Respond with JSON.' });
  });

  it('carries the schema inside JSON mode for llama.cpp, which builds its grammar from it', () => {
    const request = seedTaskRequest();
    const { params, strict } = toOpenAIRequest(
      request,
      'gemma3-270m',
      'json_object',
      openAICompatProfile('llamacpp'),
      { dropTemperature: false },
    );
    expect(strict).toBe(false);
    expect(params.max_tokens).toBe(2048);
    expect(params.response_format).toEqual({ type: 'json_object', schema: request.output?.schema });
    // Other JSON-mode dialects get plain JSON mode: an unknown key could be refused there.
    const generic = toOpenAIRequest(request, 'm', 'json_object', openAICompatProfile('generic'), {
      dropTemperature: false,
    });
    expect(generic.params.response_format).toEqual({ type: 'json_object' });
  });

  it('sends no response format in text mode', () => {
    const { params } = toOpenAIRequest(seedTaskRequest(), 'm', 'text', openAICompatProfile('none'), {
      dropTemperature: true,
    });
    expect(params.response_format).toBeUndefined();
  });
});
