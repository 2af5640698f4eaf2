import { DataSynthesizer } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { synthesizeDataArguments, toSynthesisConfig } from './synthesize-data-arguments.js';

const settings = { model: 'claude-sonnet-4-6' };

describe('toSynthesisConfig', () => {
  it('turns allow_seed_copy into rejectSeedCopies: false; without it the run rejects seed copies', () => {
    const allowed = toSynthesisConfig(
      synthesizeDataArguments.parse({ analysis_dir: 'belle', allow_seed_copy: true }),
      settings,
    );
    expect(new DataSynthesizer(allowed).config.rejectSeedCopies).toBe(false);
    const plain = toSynthesisConfig(synthesizeDataArguments.parse({ analysis_dir: 'belle' }), settings);
    expect(plain).not.toHaveProperty('rejectSeedCopies');
    expect(new DataSynthesizer(plain).config.rejectSeedCopies).toBe(true);
  });
});
