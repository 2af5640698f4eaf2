import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './secret-redactor.js';

describe('createSecretRedactor', () => {
  it('redacts the values of secret-looking variables, every occurrence, and leaves other values alone', () => {
    const redact = createSecretRedactor({
      ANTHROPIC_API_KEY: 'sk-ant-abcdefgh',
      OPENAI_APIKEY: 'sk-proj-12345678',
      GITHUB_TOKEN: 'ghp_abcdefghij',
      PROXY_AUTH: 'Basic dXNlcjpwYXNz',
      SHORT_TOKEN: 'abc',
      HOME: '/home/someone-long-path',
    });
    expect(
      redact(
        'sk-ant-abcdefgh sk-proj-12345678 ghp_abcdefghij Basic dXNlcjpwYXNz abc /home/someone-long-path sk-ant-abcdefgh',
      ),
    ).toBe('[redacted] [redacted] [redacted] [redacted] abc /home/someone-long-path [redacted]');
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });

  it('replaces key values in every string of a value, deeply', () => {
    const redact = createSecretRedactor({
      ANTHROPIC_API_KEY: 'sk-ant-SENTINEL-123456',
      OPENAI_API_KEY: 'sk-openai-abcdefgh',
      HOME: '/home/user',
    });
    const result = redact({
      content: [
        { type: 'text', text: 'bad key sk-ant-SENTINEL-123456 and sk-openai-abcdefgh at /home/user' },
      ],
      structuredContent: { count: 3, nested: ['x sk-ant-SENTINEL-123456'], ok: true, none: null },
    });
    expect(result).toEqual({
      content: [{ type: 'text', text: 'bad key [redacted] and [redacted] at /home/user' }],
      structuredContent: { count: 3, nested: ['x [redacted]'], ok: true, none: null },
    });
  });

  it('returns the value itself when the environment holds no secret', () => {
    const value = { text: 'abc' };
    expect(createSecretRedactor({ PATH: '/usr/bin' })(value)).toBe(value);
  });
});
