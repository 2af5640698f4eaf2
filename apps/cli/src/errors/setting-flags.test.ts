import { describe, expect, it } from 'vitest';
import { flagForSetting, withSettingFlags } from './setting-flags.js';

describe('flagForSetting', () => {
  it('names the flag of each setting core messages speak of', () => {
    expect(flagForSetting('resume')).toBe('--resume');
    expect(flagForSetting('overwrite')).toBe('--overwrite');
    expect(flagForSetting('batchApi')).toBe('--batch-api');
    expect(flagForSetting('noSuchSetting')).toBeUndefined();
  });
});

describe('withSettingFlags', () => {
  it('adds the flag after each camel-case setting a core message names, and leaves plain words alone', () => {
    expect(withSettingFlags('Check that the model is right and that baseURL is set; raise maxCost.')).toBe(
      'Check that the model is right and that baseURL (--base-url) is set; raise maxCost (--max-cost).',
    );
    expect(withSettingFlags('raise noSuchSetting')).toBe('raise noSuchSetting');
  });
});
