// Test support only: makes the near-duplicates a model produces when it copies a seed and
// changes one word (English) or one short phrase (Chinese) in its longest text.

/** A deterministic pseudo-random source in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HAN = /\p{Script=Han}/u;
// Bookkeeping fields of the Self-Instruct file, not content a model would paraphrase.
const METADATA_KEYS = new Set(['id', 'name']);

interface Leaf {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
}

function longestLeaf(
  value: unknown,
  parent: Leaf['parent'] | undefined,
  key: Leaf['key'],
  best: { leaf?: Leaf },
): void {
  if (typeof value === 'string') {
    if (parent && (!best.leaf || value.length > best.leaf.text.length))
      best.leaf = { parent, key, text: value };
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      longestLeaf(item, value, index, best);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) {
      if (!METADATA_KEYS.has(childKey)) longestLeaf(child, value as Record<string, unknown>, childKey, best);
    }
  }
}

/**
 * A deep copy of `record` whose longest text has one change: for mostly-Chinese text a run of
 * 2–4 characters starting at a Chinese character is replaced by a 2–4 character Chinese phrase
 * from `phrases`; otherwise one whitespace-separated word is replaced by a different word from
 * `words`.
 */
export function editOnePhrase(
  record: Record<string, unknown>,
  random: () => number,
  vocabulary: { words: readonly string[]; phrases: readonly string[] },
): Record<string, unknown> {
  const copy = structuredClone(record);
  const best: { leaf?: Leaf } = {};
  longestLeaf(copy, undefined, '', best);
  const leaf = best.leaf;
  if (!leaf) throw new Error('record has no text to edit');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { text } = leaf;
  const hanPositions = [...text].flatMap((char, index) => (HAN.test(char) ? [index] : []));
  let edited: string;
  if (hanPositions.length * 3 > text.length) {
    const chars = [...text];
    const start = pick(hanPositions);
    const removed = 2 + Math.floor(random() * 3);
    const source = pick(vocabulary.phrases);
    const length = 2 + Math.floor(random() * 3);
    const at = Math.floor(random() * Math.max(1, source.length - length));
    chars.splice(start, removed, source.slice(at, at + length));
    edited = chars.join('');
  } else {
    const words = [...text.matchAll(/\S+/g)];
    const target = pick(words);
    let replacement = pick(vocabulary.words);
    while (replacement === target[0]) replacement = pick(vocabulary.words);
    edited = text.slice(0, target.index) + replacement + text.slice(target.index + target[0].length);
  }
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = edited;
  return copy;
}

/** Words (Latin letters, 2+) and Chinese-only phrases (4+ characters) found in the records' texts. */
export function vocabularyOf(records: readonly Record<string, unknown>[]): {
  words: string[];
  phrases: string[];
} {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  records.forEach(collect);
  return {
    words: texts.flatMap((text) => text.match(/[A-Za-z]{2,}/g) ?? []),
    phrases: texts.flatMap((text) => text.match(/\p{Script=Han}{4,}/gu) ?? []),
  };
}
