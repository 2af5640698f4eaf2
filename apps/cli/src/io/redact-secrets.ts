const SECRET_NAME = /(?:API_KEY|APIKEY|TOKEN|SECRET|PASSWORD|AUTH)$/i;
const MIN_SECRET_LENGTH = 8;

/** Values of environment variables that look like secrets (API keys, tokens), longest first. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name)) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret with `[redacted]`: the last guard before text leaves the process. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join('[redacted]');
  }
  return result;
}
