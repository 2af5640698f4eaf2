import { SynthesisError } from '@datasynth/core';
import { ProviderError } from '@datasynth/providers';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CHINESE, ENGLISH } from '../i18n/messages.js';
import { describeFailure } from './describe-failure.js';
import { ExitError } from './exit-error.js';

describe('the top-level failure mapping', () => {
  it('maps every SynthesisError to exit 2 with its one-line message', () => {
    for (const code of ['invalid_input', 'schema_mismatch', 'exists', 'unpriced_model', 'io'] as const) {
      expect(describeFailure(new SynthesisError(code, 'Bad thing\nin two lines.'), ENGLISH, '1.0.0')).toEqual(
        {
          exitCode: 2,
          code,
          unexpected: false,
          message: 'Bad thing in two lines.',
        },
      );
    }
  });

  it('names the flag where core names the input-size setting', () => {
    const error = new SynthesisError(
      'invalid_input',
      'seeds file s.jsonl is 2 MiB, over the 1 MiB input limit: check the path, or raise the maxInputBytes setting',
    );
    expect(describeFailure(error, ENGLISH, '1.0.0').message).toBe(
      'seeds file s.jsonl is 2 MiB, over the 1 MiB input limit: check the path, or raise --max-input-size (in MiB)',
    );
  });

  it('replaces the no-key message with the CLI line naming the three ways forward, in the UI language', () => {
    const error = new SynthesisError('no_api_key', 'No API key for OpenAI: set OPENAI_API_KEY.');
    const english = describeFailure(error, ENGLISH, '1.0.0');
    expect(english.exitCode).toBe(2);
    expect(english.message).toMatch(
      /^No API key for OpenAI\. .*OPENAI_API_KEY.*--base-url.*datasynth prepare/,
    );
    expect(describeFailure(error, CHINESE, '1.0.0').message).toMatch(/^没有 OpenAI 的 API 密钥/);
  });

  it("turns commander's errors into one line and exit 2, and help/version into a silent 0", () => {
    const unknown = new CommanderError(
      1,
      'commander.unknownOption',
      "error: unknown option '--fo'\n(Did you mean --foo?)",
    );
    expect(describeFailure(unknown, ENGLISH, '1.0.0')).toMatchObject({
      exitCode: 2,
      message: "unknown option '--fo' (Did you mean --foo?)",
    });
    const help = describeFailure(
      new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'),
      ENGLISH,
      '1',
    );
    expect(help).toMatchObject({ exitCode: 0 });
    expect(help.message).toBeUndefined();
  });

  it('maps provider failures by kind', () => {
    const failure = (kind: ProviderError['kind']) =>
      describeFailure(new ProviderError({ kind, message: `${kind} happened` }), ENGLISH, '1').exitCode;
    expect(failure('invalid_request')).toBe(2);
    expect(failure('auth')).toBe(2);
    expect(failure('quota')).toBe(4);
    expect(failure('server')).toBe(1);
  });

  it('keeps ExitError codes, and reports anything else as unexpected with the version', () => {
    expect(describeFailure(new ExitError(3, 'capped'), ENGLISH, '1')).toMatchObject({
      exitCode: 3,
      message: 'capped',
    });
    const bug = describeFailure(new TypeError('x is undefined'), ENGLISH, '9.9.9');
    expect(bug).toMatchObject({ exitCode: 1, unexpected: true });
    expect(bug.message).toBe(
      'unexpected error: x is undefined (please report with `datasynth --version`: 9.9.9)',
    );
  });
});
