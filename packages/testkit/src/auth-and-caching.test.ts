import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';

const longInstructions = `You write instruction-tuning data. ${'Follow the schema exactly and vary topics widely. '.repeat(120)}`;

describe('authentication and routing errors', () => {
  it('answers 401 for a missing or invalid key and 403 for the forbidden key, without echoing the key', async () => {
    await using server = await startTestServer();
    const request = {
      model: 'claude-sonnet-4-6',
      max_tokens: 50,
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const invalidError = await new Anthropic({
      apiKey: 'invalid-key',
      baseURL: server.anthropicBaseURL,
      maxRetries: 0,
    }).messages
      .create(request)
      .catch((caught: unknown) => caught);
    expect(invalidError).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(
      JSON.stringify((invalidError as InstanceType<typeof Anthropic.AuthenticationError>).error),
    ).not.toContain('invalid-key');
    const forbidden = await new Anthropic({
      apiKey: 'forbidden-key',
      baseURL: server.anthropicBaseURL,
      maxRetries: 0,
    }).messages
      .create(request)
      .catch((caught: unknown) => caught);
    expect(forbidden).toBeInstanceOf(Anthropic.PermissionDeniedError);

    const missing = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });

    const openaiError = await new OpenAI({
      apiKey: 'invalid-key',
      baseURL: server.openaiBaseURL,
      maxRetries: 0,
    }).chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(openaiError).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((openaiError as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(server.stats().recordsEmitted).toBe(0);
  });

  it('answers 404 for unknown models and routes, and 400 for malformed requests', async () => {
    await using server = await startTestServer();
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const notFound = await anthropic.messages
      .create({ model: 'unknown-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(notFound).toBeInstanceOf(Anthropic.NotFoundError);
    const badRequest = await anthropic.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [] })
      .catch((caught: unknown) => caught);
    expect(badRequest).toBeInstanceOf(Anthropic.BadRequestError);
    const openai = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const missingModel = await openai.chat.completions
      .create({ model: 'unknown-gpt', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(missingModel).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missingModel as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const route = await fetch(`${server.openaiBaseURL}/embeddings`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
    });
    expect(route.status).toBe(404);
  });
});

describe('prompt caching', () => {
  it('Anthropic: writes a cache_control prefix of ≥ 1024 tokens once, then reads it', async () => {
    await using server = await startTestServer();
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const ask = (varying: string) =>
      anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 2000,
        system: [
          { type: 'text', text: longInstructions, cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Varying guidance is not cached.' },
        ],
        messages: [{ role: 'user', content: varying }],
      });
    const first = await ask('Write 2 records about cooking.');
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    const second = await ask('Write 2 records about sailing.');
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.input_tokens).toBeLessThan(100);

    const short = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Short prefix.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: '1 record' }],
    });
    expect(short.usage.cache_creation_input_tokens).toBe(0);
    expect(short.usage.cache_read_input_tokens).toBe(0);

    const stats = server.stats();
    expect(stats.cacheControlBlocks).toBe(3);
    expect(stats.tokens.cacheWrite).toBe(first.usage.cache_creation_input_tokens);
    expect(stats.tokens.cacheRead).toBe(second.usage.cache_read_input_tokens);
  });

  it('count_tokens returns the whole input and agrees with the usage of an uncached request', async () => {
    await using server = await startTestServer();
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const params = {
      model: 'claude-sonnet-4-6',
      system: 'Write records. 用中文写。',
      messages: [{ role: 'user' as const, content: 'Write 3 records about rivers.' }],
    };
    const counted = await anthropic.messages.countTokens(params);
    const message = await anthropic.messages.create({ ...params, max_tokens: 2000 });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
  });

  it('OpenAI: reports the longest previously seen message prefix as cached, in steps of 128 tokens', async () => {
    await using server = await startTestServer();
    const openai = new OpenAI({ apiKey: 'k', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const ask = (varying: string) =>
      openai.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [
          { role: 'system', content: longInstructions },
          { role: 'user', content: varying },
        ],
      });
    const first = await ask('Write 2 records about trains.');
    expect(first.usage?.prompt_tokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const second = await ask('Write 2 records about birds.');
    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.usage?.prompt_tokens ?? 0);
    expect(server.stats().tokens.cacheRead).toBe(cached);
    expect(server.stats().tokens.input).toBe(
      (first.usage?.prompt_tokens ?? 0) + (second.usage?.prompt_tokens ?? 0) - cached,
    );
  });
});
