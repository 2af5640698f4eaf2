import { describe, expect, it } from 'vitest';
import { lookupPrice } from './lookup-price.js';
import { findUnpricedModel, listUnpricedModels } from './unpriced-models.js';

describe('the unpriced-model list', () => {
  const unpriced = listUnpricedModels();

  it('gives every entry a reason and names each id once', () => {
    const ids = unpriced.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of unpriced) {
      expect(entry.reason.length, entry.id).toBeGreaterThan(20);
    }
  });

  it('never overlaps the priced table, so a price is never silently ignored', () => {
    for (const entry of unpriced) {
      expect(lookupPrice(entry.id), entry.id).toBeUndefined();
    }
  });

  it('finds an entry by its dated snapshots, provider prefix and letter case', () => {
    expect(findUnpricedModel('openai/GPT-4o-Audio-Preview-2024-12-17')?.id).toBe('gpt-4o-audio-preview');
    expect(findUnpricedModel('claude-mythos-preview')?.provider).toBe('anthropic');
    expect(findUnpricedModel('gpt-6-luna')).toBeUndefined();
    expect(findUnpricedModel('my-vllm-model')).toBeUndefined();
  });
});
