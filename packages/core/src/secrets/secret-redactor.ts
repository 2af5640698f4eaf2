/** Environment variables whose values are secrets: API keys, tokens, secrets, passwords, auth values. */
const SECRET_NAME = /(?:API_?KEY|TOKEN|SECRET|PASSWORD|AUTH)$/i;

/** Values shorter than this are not treated as secrets: replacing them would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Returns a function that replaces every secret value of `env` (variables named like `*_API_KEY`,
 * `*APIKEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_AUTH`) found in a string — or in any string of
 * a value, deeply — with `[redacted]`. The apps' last guard before text leaves the process (CLI
 * output, MCP tool results and logs); core and the providers already keep keys out of their messages.
 */
export function createSecretRedactor(env: NodeJS.ProcessEnv): <T>(value: T) => T {
  const secrets = [
    ...new Set(
      Object.entries(env)
        .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string')
        .map(([, value]) => (value as string).trim())
        .filter((value) => value.length >= MIN_SECRET_LENGTH),
    ),
  ].sort((a, b) => b.length - a.length);
  const redactText = (text: string): string =>
    secrets.reduce(
      (current, secret) => (current.includes(secret) ? current.split(secret).join('[redacted]') : current),
      text,
    );
  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(redact);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redact(inner)]));
    }
    return value;
  };
  return <T>(value: T): T => (secrets.length === 0 ? value : (redact(value) as T));
}
