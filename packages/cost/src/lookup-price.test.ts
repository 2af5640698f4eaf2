import { describe, expect, it } from 'vitest';
import { CostError } from './cost-error.js';
import { listPrices, lookupPrice } from './lookup-price.js';
import { PRICING_TABLE_CHECKED_ON } from './pricing-table.js';

describe('lookupPrice', () => {
  it('finds an exact id', () => {
    const found = lookupPrice('claude-opus-5-5');
    expect(found?.match).toBe('exact');
    expect(found?.matchedId).toBe('claude-opus-5-5');
    expect(found?.price).toEqual({ input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2, batchDiscount: 0.5 });
    expect(found?.provider).toBe('anthropic');
  });

  it('treats documented aliases as exact', () => {
    expect(lookupPrice('claude-sonnet-4-0')).toMatchObject({ matchedId: 'claude-sonnet-4', match: 'exact' });
    expect(lookupPrice('deepseek-v4-flash')).toMatchObject({ matchedId: 'deepseek-flash', match: 'exact' });
  });

  it('maps dated snapshots to their model', () => {
    expect(lookupPrice('claude-sonnet-4-5-20250929')).toMatchObject({
      matchedId: 'claude-sonnet-4-5',
      match: 'snapshot',
    });
    expect(lookupPrice('claude-sonnet-4-20250514')).toMatchObject({
      matchedId: 'claude-sonnet-4',
      match: 'snapshot',
    });
    expect(lookupPrice('claude-3-5-haiku-20241022')?.price.input).toBe(0.8);
    expect(lookupPrice('gpt-4o-2024-08-06')).toMatchObject({ matchedId: 'gpt-4o', match: 'snapshot' });
    expect(lookupPrice('gpt-4o-mini-2024-07-18')).toMatchObject({
      matchedId: 'gpt-4o-mini',
      match: 'snapshot',
    });
    expect(lookupPrice('gpt-5.4-mini-2026-03-17')).toMatchObject({
      matchedId: 'gpt-5.4-mini',
      match: 'snapshot',
    });
    // Chat Completions answers gpt-6.1-sol with its snapshot id.
    expect(lookupPrice('gpt-6.1-sol-2026-09-29')).toMatchObject({
      matchedId: 'gpt-6.1-sol',
      match: 'snapshot',
    });
    expect(lookupPrice('gpt-5.5-2026-04-23')).toMatchObject({ matchedId: 'gpt-5.5', match: 'snapshot' });
    expect(lookupPrice('claude-haiku-4-5@20251001')).toMatchObject({
      matchedId: 'claude-haiku-4-5',
      match: 'snapshot',
    });
  });

  it('maps -latest, [1m] and :variant forms to their family member', () => {
    expect(lookupPrice('claude-sonnet-4-5-latest')).toMatchObject({
      matchedId: 'claude-sonnet-4-5',
      match: 'family',
    });
    expect(lookupPrice('claude-sonnet-5-5[1m]')).toMatchObject({
      matchedId: 'claude-sonnet-5-5',
      match: 'family',
    });
    expect(lookupPrice('claude-opus-4-1-20250805:thinking')).toMatchObject({
      matchedId: 'claude-opus-4-1',
      match: 'family',
    });
    expect(lookupPrice('gpt-5-chat-latest')).toMatchObject({ matchedId: 'gpt-5', match: 'family' });
  });

  it('ignores provider prefixes and letter case', () => {
    expect(lookupPrice('anthropic:claude-haiku-4-5')?.matchedId).toBe('claude-haiku-4-5');
    expect(lookupPrice('openai:gpt-4.1-mini')?.matchedId).toBe('gpt-4.1-mini');
    expect(lookupPrice('openai/GPT-4.1-nano')?.matchedId).toBe('gpt-4.1-nano');
    expect(lookupPrice('deepseek:deepseek-flash')?.matchedId).toBe('deepseek-flash');
    expect(lookupPrice('dashscope:qwen-plus')?.matchedId).toBe('qwen-plus');
    expect(lookupPrice('  qwen-max  ')?.matchedId).toBe('qwen-max');
  });

  it('returns undefined for unknown models instead of guessing', () => {
    expect(lookupPrice('llama-3.1-70b-instruct')).toBeUndefined();
    expect(lookupPrice('claude-mythos-preview')).toBeUndefined();
    // A longer id is a different model: gpt-5.4-pro costs 12× gpt-5.4.
    expect(lookupPrice('gpt-5.4-pro')).toBeUndefined();
    expect(lookupPrice('gpt-5.3-chat-latest')).toBeUndefined();
    expect(lookupPrice('')).toBeUndefined();
  });

  it('prefers an override for a model the table does not know', () => {
    const found = lookupPrice('vllm:llama-3.1-70b', {
      overrides: { 'vllm:llama-3.1-70b': { input: 0.6, output: 0.6 } },
    });
    expect(found).toMatchObject({ matchedId: 'vllm:llama-3.1-70b', match: 'override' });
    // Unknown cache and batch prices are assumed undiscounted (and a write premium), so estimates err high.
    expect(found?.price).toEqual({
      input: 0.6,
      output: 0.6,
      cacheWrite: 0.75,
      cacheRead: 0.6,
      batchDiscount: 1,
    });
    expect(found?.entry).toBeUndefined();
  });

  it('lets an override replace a built-in price, keeping the provider cache ratios', () => {
    const found = lookupPrice('claude-sonnet-4-5-20250929', {
      overrides: { 'claude-sonnet-4-5': { input: 2, output: 10 } },
    });
    expect(found?.match).toBe('override');
    expect(found?.matchedId).toBe('claude-sonnet-4-5');
    expect(found?.price.input).toBe(2);
    expect(found?.price.cacheWrite).toBeCloseTo(2.5, 12); // 1.25 × input, like the table row
    expect(found?.price.cacheRead).toBeCloseTo(0.2, 12); // 0.1 × input
    expect(found?.price.batchDiscount).toBe(0.5);
    expect(found?.entry?.id).toBe('claude-sonnet-4-5');
  });

  it('rejects malformed overrides with one clear error listing every problem', () => {
    const bad = {
      'model-a': { input: 1 },
      'model-b': { input: -1, output: 2, ouput: 3 },
      'model-c': { input: 1, output: 1, batchDiscount: 2 },
    };
    let error: unknown;
    try {
      lookupPrice('model-a', { overrides: bad as never });
    } catch (caught) {
      error = caught;
    }
    expect(CostError.isInstance(error)).toBe(true);
    const message = (error as CostError).message;
    expect((error as CostError).code).toBe('invalid_price_override');
    expect(message).toContain('"model-a" is missing "output"');
    expect(message).toContain('"model-b": "input" must be a number ≥ 0');
    expect(message).toContain('unknown field "ouput"');
    expect(message).toContain('"batchDiscount" must be a multiplier in (0, 1]');
    expect(() => lookupPrice('x', { overrides: [] as never })).toThrow(/must be an object/);
  });
});

describe('pricing table', () => {
  const table = listPrices();

  it('has unique ids and aliases', () => {
    const ids = table.flatMap((entry) => [entry.id, ...(entry.aliases ?? [])]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds sane numbers for every row', () => {
    for (const entry of table) {
      for (const value of [entry.input, entry.output, entry.cacheWrite, entry.cacheRead]) {
        expect(Number.isFinite(value) && value >= 0, entry.id).toBe(true);
      }
      expect(entry.batchDiscount > 0 && entry.batchDiscount <= 1, entry.id).toBe(true);
      expect(entry.cacheRead <= entry.input, entry.id).toBe(true);
      expect(entry.source.length > 0, entry.id).toBe(true);
      if (entry.deprecated !== undefined) {
        expect(entry.deprecated.retiresOn, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('prices Anthropic cache writes at the 5-minute rate (1.25 × input) and batches at half price', () => {
    for (const entry of table.filter((row) => row.provider === 'anthropic')) {
      expect(entry.cacheWrite, entry.id).toBeCloseTo(entry.input * 1.25, 9);
      expect(entry.batchDiscount, entry.id).toBe(0.5);
    }
  });

  it('prices GPT-5.6 and GPT-6 cache writes at 1.25 × input, batches at half price, and prompts over 272K at 2× / 1.5×', () => {
    const rows = table.filter((row) => /^gpt-(?:5\.6|6)/.test(row.id));
    expect(rows.map((row) => row.id)).toEqual(
      expect.arrayContaining([
        'gpt-6.2-astra',
        'gpt-6.2-sol',
        'gpt-6.1-sol',
        'gpt-6.1-terra',
        'gpt-6-astra',
        'gpt-6-sol',
        'gpt-6-luna',
      ]),
    );
    for (const entry of rows) {
      expect(entry.cacheWrite, entry.id).toBeCloseTo(entry.input * 1.25, 9);
      expect(entry.batchDiscount, entry.id).toBe(0.5);
      expect(entry.longContext, entry.id).toEqual({
        thresholdTokens: 272_000,
        inputMultiplier: 2,
        outputMultiplier: 1.5,
        cacheMultiplier: 2,
      });
    }
  });

  it('keeps the first GPT-4o snapshot at its own launch price instead of gpt-4o’s', () => {
    expect(lookupPrice('gpt-4o-2024-05-13')).toMatchObject({
      match: 'exact',
      price: { input: 5, output: 15 },
    });
    expect(lookupPrice('gpt-4o-2024-08-06')).toMatchObject({
      match: 'snapshot',
      price: { input: 2.5, output: 10 },
    });
  });

  it('records the date it was checked', () => {
    expect(PRICING_TABLE_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
