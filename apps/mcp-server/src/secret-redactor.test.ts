import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './secret-redactor.js';

describe('createSecretRedactor', () => {
  it('replaces key values from the environment in every string, deeply, and leaves other values alone', () => {
    const redact = createSecretRedactor({
      ANTHROPIC_API_KEY: 'sk-ant-SENTINEL-123456',
      OPENAI_API_KEY: 'sk-openai-abcdefgh',
      HOME: '/home/user',
      SHORT_TOKEN: 'abc',
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
