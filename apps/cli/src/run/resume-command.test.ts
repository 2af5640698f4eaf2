import { describe, expect, it } from 'vitest';
import { resumeCommand, shellQuote } from './resume-command.js';

describe('resume command', () => {
  it('repeats the arguments with --resume instead of --overwrite', () => {
    expect(resumeCommand(['generate', './data', '-n', '100', '--overwrite'])).toBe(
      'datasynth generate ./data -n 100 --resume',
    );
  });

  it('does not repeat --resume', () => {
    expect(resumeCommand(['create', 's.json', 'x.jsonl', '-o', 'o.jsonl', '--resume'])).toBe(
      'datasynth create s.json x.jsonl -o o.jsonl --resume',
    );
  });

  it('quotes what a shell would split or expand', () => {
    expect(resumeCommand(['generate', 'my data/分析', '--post-hook', "echo 'done' $x"])).toBe(
      `datasynth generate 'my data/分析' --post-hook 'echo '\\''done'\\'' $x' --resume`,
    );
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('plain-path/x.json')).toBe('plain-path/x.json');
  });

  it('after a stop by the cap, carries the cap that can finish the run in place of the one given', () => {
    expect(resumeCommand(['generate', './data', '-n', '1000', '--max-cost', '0.5'], { maxCost: 1.12 })).toBe(
      'datasynth generate ./data -n 1000 --max-cost 1.12 --resume',
    );
    expect(resumeCommand(['generate', './data', '--max-cost=0.5', '--overwrite'], { maxCost: 2 })).toBe(
      'datasynth generate ./data --max-cost 2.00 --resume',
    );
  });
});
