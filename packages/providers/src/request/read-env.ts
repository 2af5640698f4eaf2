/** A non-empty environment variable, trimmed, or undefined. Read at call time, never at import. */
export function readEnv(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
