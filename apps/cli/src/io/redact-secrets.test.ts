import { describe, expect, it } from 'vitest';
import { redactSecrets, secretValues } from './redact-secrets.js';

describe('secret redaction', () => {
  it('finds secret-looking variables and ignores the rest', () => {
    const secrets = secretValues({
      ANTHROPIC_API_KEY: 'sk-ant-abcdefgh',
      OPENAI_API_KEY: 'sk-proj-12345678',
      GITHUB_TOKEN: 'ghp_abcdefghij',
      SHORT_TOKEN: 'abc',
      HOME: '/home/someone-long-path',
    });
    expect(secrets).toEqual(
      expect.arrayContaining(['sk-ant-abcdefgh', 'sk-proj-12345678', 'ghp_abcdefghij']),
    );
    expect(secrets).not.toContain('/home/someone-long-path');
    expect(secrets).not.toContain('abc');
  });

  it('replaces every occurrence', () => {
    const secret = 'sk-ant-SENTINEL-123';
    expect(redactSecrets(`key ${secret} and again ${secret}.`, [secret])).toBe(
      'key [redacted] and again [redacted].',
    );
    expect(redactSecrets('nothing to hide', [secret])).toBe('nothing to hide');
  });
});
