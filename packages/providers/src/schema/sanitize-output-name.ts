/** A tool / JSON-schema name both APIs accept: `[A-Za-z0-9_-]{1,64}`. */
export function sanitizeOutputName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return safe === '' ? 'output' : safe;
}
