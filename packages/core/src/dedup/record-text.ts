/**
 * The text near-duplicate detection compares: every string leaf of the record (nested objects
 * and arrays included; object keys visited in sorted order so key order never matters), joined
 * by a space and normalised by {@link normaliseText}. Keys, numbers, booleans and nulls are not
 * part of it. A record without any string leaf yields `''`.
 */
export function recordText(record: Record<string, unknown>): string {
  const leaves: string[] = [];
  collectStrings(record, leaves, 0);
  return normaliseText(leaves.join(' '));
}

/**
 * Unicode NFKC (full-width Latin and digits become ASCII, compatibility ideographs are unified),
 * lower case, every run of whitespace collapsed to one space, trimmed.
 */
export function normaliseText(text: string): string {
  const composed = NON_ASCII.test(text) ? text.normalize('NFKC') : text; // NFKC leaves ASCII unchanged
  return composed.toLowerCase().replace(/\s+/g, ' ').trim();
}

const NON_ASCII = /[\u0080-\uffff]/;

// Records come from JSON, so nesting is shallow; the limit only guards against cycles.
const MAX_DEPTH = 64;

function collectStrings(value: unknown, leaves: string[], depth: number): void {
  if (typeof value === 'string') {
    if (value.length > 0) leaves.push(value);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, leaves, depth + 1);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object).sort()) collectStrings(object[key], leaves, depth + 1);
}
