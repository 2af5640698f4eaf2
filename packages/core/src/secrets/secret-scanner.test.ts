import { describe, expect, it } from 'vitest';
import { REDACTED, runSecrets, SecretScanner } from './secret-scanner.js';

const KEY = 'sk-ant-api03-THE-RUNS-OWN-KEY-0123456789';

describe('SecretScanner', () => {
  it("finds the run's key in any string of a record, nested or as a key", () => {
    const scanner = new SecretScanner([KEY]);
    expect(scanner.contains({ instruction: 'Say hi', output: 'hi' })).toBe(false);
    expect(scanner.contains({ output: `Sure, the key is ${KEY}.` })).toBe(true);
    expect(scanner.contains({ turns: [{ role: 'assistant', content: [`x${KEY}x`] }] })).toBe(true);
    expect(scanner.contains({ [KEY]: 1 })).toBe(true);
  });

  it('redacts every occurrence, the longest secret first, without touching other text', () => {
    const longer = `${KEY}-and-more`;
    const scanner = new SecretScanner([KEY, longer]);
    expect(scanner.redact({ a: `${longer} / ${KEY}`, n: 3, list: [KEY], [KEY]: true })).toEqual({
      a: `${REDACTED} / ${REDACTED}`,
      n: 3,
      list: [REDACTED],
      [REDACTED]: true,
    });
  });

  it('ignores values too short to be keys, so ordinary words are never flagged', () => {
    const scanner = new SecretScanner(['abc', '', '   ']);
    expect(scanner.active).toBe(false);
    expect(scanner.contains({ text: 'abc' })).toBe(false);
    expect(scanner.redact({ text: 'abc' })).toEqual({ text: 'abc' });
  });
});

describe('runSecrets', () => {
  it('collects the given key, the provider keys in the environment and bearer tokens of headers', () => {
    const secrets = runSecrets({
      apiKey: 'sk-given-key-123456',
      headers: { authorization: 'Bearer proxy-token-abcdef' },
      env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-1234', OPENAI_API_KEY: 'sk-openai-env-key', HOME: '/root' },
    });
    expect(secrets).toEqual([
      'sk-given-key-123456',
      'sk-ant-env-key-1234',
      'sk-openai-env-key',
      'proxy-token-abcdef',
    ]);
  });
});
