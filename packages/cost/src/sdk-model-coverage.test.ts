import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupPrice } from './lookup-price.js';
import { installedSdkModels } from './testing/installed-sdk-models.js';
import { findUnpricedModel } from './unpriced-models.js';

const installed = installedSdkModels();
const provider = { '@anthropic-ai/sdk': 'anthropic', openai: 'openai' } as const;

describe('the installed SDKs’ model lists', () => {
  it('are found for both SDKs', () => {
    expect(installed.map((sdk) => sdk.sdk).sort()).toEqual(
      expect.arrayContaining(['@anthropic-ai/sdk', 'openai']),
    );
    for (const sdk of installed) {
      expect(sdk.ids.length, `${sdk.sdk}@${sdk.version}`).toBeGreaterThan(10);
    }
  });

  // An SDK bump that adds a model id lands here first: price it in the provider's *-prices.ts
  // (with its source) or list it in unpriced-models.ts with the reason it needs no price.
  for (const sdk of installed) {
    it(`prices, or knowingly leaves unpriced, every model ${sdk.sdk}@${sdk.version} lists`, () => {
      const unknown = sdk.ids.filter(
        (id) => lookupPrice(id) === undefined && findUnpricedModel(id) === undefined,
      );
      expect(unknown).toEqual([]);
      for (const id of sdk.ids) {
        const owner = lookupPrice(id)?.provider ?? findUnpricedModel(id)?.provider;
        expect(owner, id).toBe(provider[sdk.sdk as keyof typeof provider]);
      }
    });
  }

  for (const sdk of installed.filter((entry) => entry.sdk === '@anthropic-ai/sdk')) {
    it(`agrees with the retirement dates in ${sdk.sdk}@${sdk.version}'s deprecation list`, () => {
      const source = fs.readFileSync(path.join(sdk.folder, 'internal/data/deprecated-models.mjs'), 'utf8');
      let compared = 0;
      for (const [, id, month, day, year] of source.matchAll(/'([^']+)': '(\w+) (\d+)\w*, (\d{4})'/g)) {
        const found = lookupPrice(id ?? '');
        if (found === undefined) {
          expect(findUnpricedModel(id ?? ''), id).toBeDefined();
          continue;
        }
        const iso = new Date(`${month} ${day}, ${year} UTC`).toISOString().slice(0, 10);
        expect(found.entry?.deprecated?.retiresOn, id).toBe(iso);
        compared += 1;
      }
      expect(compared).toBeGreaterThanOrEqual(2);
    });
  }
});
