const keyLikeToken = /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}|\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Makes provider-supplied text safe to show: removes the given secrets and anything shaped like
 * an API key, folds it to one line and caps its length.
 */
export function redactSecrets(text: string, secrets: readonly string[] = [], maxLength = 300): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret.length >= 4) safe = safe.split(secret).join('[redacted]');
  }
  safe = safe.replace(keyLikeToken, '[redacted]');
  safe = safe.replace(/\s+/g, ' ').trim();
  return safe.length > maxLength ? `${safe.slice(0, maxLength - 1)}…` : safe;
}

/** A URL without credentials, query or fragment, for messages. */
export function describeURL(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
