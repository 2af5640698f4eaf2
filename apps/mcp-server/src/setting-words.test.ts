import { describe, expect, it } from 'vitest';
import { inSettingWords } from './setting-words.js';

describe('inSettingWords', () => {
  it('speaks of tool arguments where core and providers name CLI flags', () => {
    expect(
      inSettingWords('Output /r/o.json already exists. Resume it (--resume) or replace it (--overwrite).'),
    ).toBe('Output /r/o.json already exists. Resume it (resume: true) or replace it (overwrite: true).');
    expect(inSettingWords('Drop batchApi (--batch-api), or use an Anthropic or OpenAI model.')).toBe(
      'Drop batchApi (batch_api: true), or use an Anthropic or OpenAI model.',
    );
    expect(
      inSettingWords(
        'No base URL for the OpenAI-compatible server: pass baseURL (--base-url on the command line) or set OPENAI_BASE_URL.',
      ),
    ).toBe('No base URL for the OpenAI-compatible server: pass baseURL or set OPENAI_BASE_URL.');
    expect(inSettingWords('with --batch-top-up batch')).toBe('with batch_top_up batch');
    expect(
      inSettingWords(
        'seeds file s.jsonl is 2 MiB, over the 1 MiB input limit: check the path, or raise the maxInputBytes setting',
      ),
    ).toBe(
      'seeds file s.jsonl is 2 MiB, over the 1 MiB input limit: check the path, or raise the max_input_bytes argument',
    );
    expect(
      inSettingWords(
        'Resume with maxCost 1.25 to finish (the cap counts the whole run, $0.4900 spent so far).',
      ),
    ).toBe('Resume with max_cost 1.25 to finish (the cap counts the whole run, $0.4900 spent so far).');
  });

  it('leaves messages without flags as they are', () => {
    expect(inSettingWords('Paths like a--b and --unknown-flag stay.')).toBe(
      'Paths like a--b and --unknown-flag stay.',
    );
  });
});
