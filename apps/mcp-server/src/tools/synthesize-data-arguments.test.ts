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
