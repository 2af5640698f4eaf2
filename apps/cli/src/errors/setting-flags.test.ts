import { describe, expect, it } from 'vitest';
import { flagForSetting } from './setting-flags.js';

describe('flagForSetting', () => {
  it('names the flag of each setting core messages speak of', () => {
    expect(flagForSetting('resume')).toBe('--resume');
    expect(flagForSetting('overwrite')).toBe('--overwrite');
    expect(flagForSetting('batchApi')).toBe('--batch-api');
    expect(flagForSetting('noSuchSetting')).toBeUndefined();
  });
});
