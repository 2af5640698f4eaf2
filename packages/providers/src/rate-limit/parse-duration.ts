const durationPart = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const plainNumber = /^\d+(?:\.\d+)?$/;
const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Parses a Go-style duration as OpenAI sends in `x-ratelimit-reset-*` (`'1s'`, `'6m0s'`,
 * `'250ms'`, `'1h2m3.5s'`; a bare number means seconds) into milliseconds.
 */
export function parseDurationMs(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (plainNumber.test(text)) return Math.round(Number(text) * 1000);
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(durationPart)) {
    const [whole, amount, unit] = match;
    if (match.index !== consumed || amount === undefined || unit === undefined) return undefined;
    total += Number(amount) * (unitMs[unit] ?? 0);
    consumed += whole.length;
  }
  if (consumed !== text.length || consumed === 0) return undefined;
  return Math.round(total);
}
