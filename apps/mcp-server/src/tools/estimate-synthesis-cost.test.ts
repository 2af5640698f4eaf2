import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, connect, makeRoot, scrubProviderEnv, snapshot, textOf } from '../../test/harness.js';

scrubProviderEnv();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function setup(env: NodeJS.ProcessEnv = {}) {
  const root = fs.realpathSync(makeRoot());
  const { client, close } = await connect({ root, env });
  closers.push(close);
  return { root, client };
}

interface Estimate {
  model: string;
  priced: boolean;
  basis: string;
  target_count: number;
  batches: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  stable_prompt_tokens: number;
  estimated_cost_usd: number | null;
  cost_usd: Record<string, number | null>;
  language: string | null;
  warnings: string[];
}

describe('estimate_synthesis_cost', () => {
  it('counts tokens on the real prompt of the BELLE folder, with cached and batch-API variants', async () => {
    const { root, client } = await setup();
    const before = snapshot(root);
    const result = await call(client, 'estimate_synthesis_cost', {
      analysis_dir: 'belle',
      count: 200,
      batch_size: 5,
    });
    expect(result.isError).toBeFalsy();
    const estimate = result.structuredContent as unknown as Estimate;
    expect(estimate).toMatchObject({
      model: 'claude-sonnet-4-6',
      priced: true,
      basis: 'prompt',
      target_count: 200,
      language: 'zh',
    });
    expect(estimate.batches).toBeGreaterThanOrEqual(40);
    expect(estimate.stable_prompt_tokens).toBeGreaterThan(500);
    // Every request sends the stable prefix, read from the cache or not.
    const promptTokens = estimate.input_tokens + estimate.cache_read_tokens + estimate.cache_write_tokens;
    expect(promptTokens).toBeGreaterThanOrEqual(estimate.batches * estimate.stable_prompt_tokens);
    expect(estimate.estimated_cost_usd).toBeGreaterThan(0);
    expect(estimate.cost_usd.batch_api).toBeLessThan(estimate.cost_usd.no_caching as number);
    const text = textOf(result);
    expect(text).toContain(
      'Cost estimate for 200 records with claude-sonnet-4-6 (tokens counted on the real prompt)',
    );
    expect(text).toMatch(/estimated cost: \$\d+\.\d{4}/);
    expect(snapshot(root)).toEqual(before);
  });

  it('fills the duration, faster with more calls in flight, and leaves it out for the batch API', async () => {
    const { client } = await setup();
    const seconds = async (args: Record<string, unknown>) =>
      (await call(client, 'estimate_synthesis_cost', { analysis_dir: 'belle', count: 100, ...args }))
        .structuredContent as unknown as Estimate & { estimated_seconds?: number };
    const serial = await seconds({ concurrency: 1 });
    const parallel = await seconds({ concurrency: 8 });
    expect(serial.estimated_seconds).toBeGreaterThan(0);
    expect(parallel.estimated_seconds).toBeLessThan((serial.estimated_seconds as number) / 4);
    const batch = await seconds({ batch_api: true });
    expect(batch).not.toHaveProperty('estimated_seconds');
    // No floating-point noise in any figure (0.0006529999999999999 and the like).
    expect(JSON.stringify([serial, parallel, batch])).not.toMatch(/\.0*[1-9]\d{8,}/);
  });

  it('uses typical sizes without inputs and grows with the count', async () => {
    const { client } = await setup();
    const small = (await call(client, 'estimate_synthesis_cost', { count: 100 }))
      .structuredContent as unknown as Estimate;
    const large = (await call(client, 'estimate_synthesis_cost', { count: 1000 }))
      .structuredContent as unknown as Estimate;
    expect(small.basis).toBe('defaults');
    expect(large.output_tokens).toBeGreaterThan(small.output_tokens * 9);
    expect(large.estimated_cost_usd as number).toBeGreaterThan((small.estimated_cost_usd as number) * 5);
  });

  it('says so instead of inventing a number for a model without a price', async () => {
    const { client } = await setup();
    const result = await call(client, 'estimate_synthesis_cost', {
      count: 10,
      model: 'ollama:my-local-model',
    });
    expect(result.isError).toBeFalsy();
    const estimate = result.structuredContent as unknown as Estimate;
    expect(estimate.priced).toBe(false);
    expect(estimate.estimated_cost_usd).toBeNull();
    expect(textOf(result)).toContain('estimated cost: unknown');
  });

  it('defaults to the OpenAI model when only an OpenAI key is set', async () => {
    const { client } = await setup({ OPENAI_API_KEY: 'sk-openai-test-key-123' });
    const estimate = (await call(client, 'estimate_synthesis_cost', { count: 10 }))
      .structuredContent as unknown as Estimate;
    expect(estimate.model).toBe('gpt-5-mini');
  });
});
