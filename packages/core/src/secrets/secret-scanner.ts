/** Values shorter than this are not scanned for: matching them would flag ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** What replaces a secret in anything written (rejects file, journal, messages). */
export const REDACTED = '[redacted]';

/** Variables whose values are a run's own credentials. */
const CREDENTIAL_VARIABLES = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY'];

/**
 * The credentials a run holds: the API keys it was given or read from the environment
 * (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`), and header values long enough to be tokens.
 */
export function runSecrets(options: {
  apiKey?: string | undefined;
  headers?: Record<string, string> | undefined;
  env?: NodeJS.ProcessEnv;
}): string[] {
  const env = options.env ?? process.env;
  return [
    options.apiKey,
    ...CREDENTIAL_VARIABLES.map((name) => env[name]),
    ...Object.values(options.headers ?? {}).map((value) => value.replace(/^Bearer\s+/i, '')),
  ].filter((value): value is string => typeof value === 'string');
}

/**
 * Finds a run's own secrets inside generated records, before a record is accepted: a provider
 * (or a prompt injection in the seeds) that echoes the API key must never get it into the output,
 * the journal or the rejects file. Every string of a record is scanned, keys included, deeply.
 */
export class SecretScanner {
  readonly #secrets: string[];

  constructor(secrets: readonly string[]) {
    const distinct = new Set(
      secrets.map((secret) => secret.trim()).filter((secret) => secret.length >= MIN_SECRET_LENGTH),
    );
    // Longest first, so that a key containing another is redacted whole.
    this.#secrets = [...distinct].sort((a, b) => b.length - a.length);
  }

  /** Whether there is anything to look for. */
  get active(): boolean {
    return this.#secrets.length > 0;
  }

  /** Whether any string in `value` (keys included, at any depth) contains one of the secrets. */
  contains(value: unknown): boolean {
    if (!this.active) return false;
    let found = false;
    visitStrings(value, (text) => {
      if (!found && this.#secrets.some((secret) => text.includes(secret))) found = true;
      return found;
    });
    return found;
  }

  /** A copy of `value` with every secret replaced by {@link REDACTED}, in strings and keys, at any depth. */
  redact<T>(value: T): T {
    if (!this.active) return value;
    return this.#redactValue(value) as T;
  }

  #redactText(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result;
  }

  #redactValue(value: unknown): unknown {
    // Records come from JSON: nesting is bounded by the schema's depth limit, so recursion is safe here.
    if (typeof value === 'string') return this.#redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.#redactValue(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [this.#redactText(key), this.#redactValue(inner)]),
      );
    }
    return value;
  }
}

/** Calls `visit` on every string and key of `value`, iteratively; stops when `visit` returns true. */
function visitStrings(value: unknown, visit: (text: string) => boolean): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (visit(next)) return;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (visit(key)) return;
        pending.push(inner);
      }
    }
  }
}
