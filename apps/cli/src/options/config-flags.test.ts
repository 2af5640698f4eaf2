import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addConfigFlags, configFromFlags, RUN_FLAG_NAMES } from './config-flags.js';

function parse(argv: string[]) {
  const command = addConfigFlags(new Command('generate').exitOverride(), RUN_FLAG_NAMES);
  command.parse(argv, { from: 'user' });
  return configFromFlags(command);
}

describe('configFromFlags', () => {
  it('collects every --holdout, in order, and takes --judge-gold', () => {
    expect(
      parse(['--holdout', 'eval/a.jsonl', '--holdout', 'eval/b.json', '--judge-gold', 'gold.jsonl']),
    ).toEqual({ holdout: ['eval/a.jsonl', 'eval/b.json'], judgeGold: 'gold.jsonl' });
  });

  it('turns --diversity-target into steering.diversityTarget, beside --topics', () => {
    expect(parse(['--diversity-target', 'distinct-2>=0.6,near-dup<=0.05', '--topics', 't.txt'])).toEqual({
      steering: { diversityTarget: { minDistinct2: 0.6, maxNearDuplicateRate: 0.05 }, topicsFile: 't.txt' },
    });
  });

  it('turns --allow-seed-copy into rejectSeedCopies: false, and leaves it unset without the flag', () => {
    expect(parse(['--allow-seed-copy'])).toEqual({ rejectSeedCopies: false });
    expect(parse(['-n', '5'])).not.toHaveProperty('rejectSeedCopies');
  });

  it('leaves holdout unset when the flag is not given, so a config file keeps its list', () => {
    expect(parse(['-n', '5'])).toEqual({ targetCount: 5 });
  });
});
