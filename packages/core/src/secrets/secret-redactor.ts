import { SecretScanner } from './secret-scanner.js';

/** Environment variables whose values are secrets: API keys, tokens, secrets, passwords, auth values. */
const SECRET_NAME = /(?:API_?KEY|TOKEN|SECRET|PASSWORD|AUTH)$/i;

/**
 * Returns a function that replaces every secret value of `env` (variables named like `*_API_KEY`,
 * `*APIKEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_AUTH`) found in a string — or in any string or
 * key of a value, deeply — with `[redacted]`. The apps' last guard before text leaves the process
 * (CLI output, MCP tool results and logs); core and the providers already keep keys out of their
 * messages. The replacing is {@link SecretScanner}'s, the same that guards records.
 */
export function createSecretRedactor(env: NodeJS.ProcessEnv): <T>(value: T) => T {
  const scanner = new SecretScanner(
    Object.entries(env).flatMap(([name, value]) =>
      SECRET_NAME.test(name) && typeof value === 'string' ? [value] : [],
    ),
  );
  return <T>(value: T): T => scanner.redact(value);
}
