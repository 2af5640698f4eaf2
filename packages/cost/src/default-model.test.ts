import { describe, expect, it } from 'vitest';
import { CostError } from './cost-error.js';
import { type DefaultModelProvider, defaultModelFor, defaultModelIn } from './default-model.js';
import { listPrices, lookupPrice } from './lookup-price.js';
import type { PricingEntry } from './model-price.js';
import { installedSdkModels } from './testing/installed-sdk-models.js';

function row(
  id: string,
  provider: PricingEntry['provider'],
  extra: Partial<PricingEntry> = {},
): PricingEntry {
  return {
    id,
    provider,
    family: 'test',
    input: 1,
    output: 1,
    cacheWrite: 1,
    cacheRead: 1,
    batchDiscount: 1,
    source: 'test',
    ...extra,
  };
}

describe('defaultModelFor', () => {
  it('picks the newest current Sonnet for Anthropic and the newest Luna for OpenAI', () => {
    expect(defaultModelFor('anthropic')).toBe('claude-sonnet-5-5');
    expect(defaultModelFor('openai')).toBe('gpt-6-luna');
  });

  for (const provider of ['anthropic', 'openai'] as const satisfies readonly DefaultModelProvider[]) {
    it(`returns a ${provider} model the table prices and does not mark deprecated`, () => {
      const found = lookupPrice(defaultModelFor(provider));
      expect(found).toMatchObject({ match: 'exact', provider });
      expect(found?.entry?.deprecated).toBeUndefined();
    });
  }

  for (const sdk of installedSdkModels()) {
    const provider = sdk.sdk === 'openai' ? 'openai' : 'anthropic';
    // openai 6.x stopped on 2026-07-24, before GPT-6 shipped: it names no GPT-6 model (it still
    // sends any model string). From 7.x on the SDK must list the default.
    const predatesDefault = provider === 'openai' && Number(sdk.version.split('.')[0]) < 7;
    it.skipIf(predatesDefault)(`returns a ${provider} default that ${sdk.sdk}@${sdk.version} lists`, () => {
      expect(sdk.ids).toContain(defaultModelFor(provider));
    });
  }

  it('never picks an older tier member than one the table holds as current', () => {
    const sonnets = listPrices().filter(
      (entry) => /^claude-sonnet-\d/.test(entry.id) && entry.deprecated === undefined,
    );
    // Every current Sonnet id sorts at or below the default when compared as version numbers.
    const version = (id: string) => id.replace('claude-sonnet-', '').split('-').map(Number);
    const chosen = version(defaultModelFor('anthropic'));
    for (const sonnet of sonnets) {
      const candidate = version(sonnet.id);
      const newer =
        candidate[0]! > chosen[0]! || (candidate[0] === chosen[0] && (candidate[1] ?? 0) > (chosen[1] ?? 0));
      expect(newer, sonnet.id).toBe(false);
    }
  });

  it('skips deprecated rows and compares versions numerically, not as text', () => {
    const table = [
      row('claude-sonnet-4-6', 'anthropic'),
      row('claude-sonnet-4-10', 'anthropic'),
      row('claude-sonnet-5', 'anthropic', { deprecated: { retiresOn: '2027-01-01' } }),
      row('claude-3-7-sonnet', 'anthropic'),
      row('claude-opus-9', 'anthropic'),
      row('gpt-5.6-luna', 'openai'),
      row('gpt-6-luna', 'openai'),
      row('gpt-6.1-luna', 'openai', { deprecated: { retiresOn: '2027-01-01' } }),
      row('gpt-7-sol', 'openai'),
    ];
    expect(defaultModelIn(table, 'anthropic')).toBe('claude-sonnet-4-10');
    expect(defaultModelIn(table, 'openai')).toBe('gpt-6-luna');
  });

  it('says what to do for a provider it has no rule for, and when the table holds no candidate', () => {
    let error: unknown;
    try {
      defaultModelFor('deepseek' as never);
    } catch (caught) {
      error = caught;
    }
    expect(CostError.isInstance(error)).toBe(true);
    expect((error as CostError).code).toBe('invalid_argument');
    expect((error as CostError).message).toBe(
      'No default model for provider "deepseek"; use "anthropic" or "openai", or name a model.',
    );
    expect(() => defaultModelIn([row('gpt-6-sol', 'openai')], 'openai')).toThrow(
      /no current default-tier model/,
    );
  });
});
