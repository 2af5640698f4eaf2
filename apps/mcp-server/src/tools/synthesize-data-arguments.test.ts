import { DataSynthesizer } from '@datasynth/core';
import { describe, expect, it } from 'vitest';
import { resumeArguments, synthesizeDataArguments, toSynthesisConfig } from './synthesize-data-arguments.js';

const settings = { model: 'claude-sonnet-5-5' };

describe('synthesize_data provenance argument', () => {
  it('keeps provenance by default, turns it off with provenance: false, and keeps it off when resumed', () => {
    const byDefault = synthesizeDataArguments.parse({ analysis_dir: 'belle' });
    expect(byDefault.provenance).toBe(true);
    expect(toSynthesisConfig(byDefault, settings)).not.toHaveProperty('provenance');
    expect(resumeArguments(byDefault, 'out.json')).not.toHaveProperty('provenance');

    const off = synthesizeDataArguments.parse({ analysis_dir: 'belle', provenance: false });
    expect(toSynthesisConfig(off, settings).provenance).toBe(false);
    expect(resumeArguments(off, 'out.json')).toMatchObject({ provenance: false, resume: true });
  });
});

describe('synthesize_data allow_seed_copy argument', () => {
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
