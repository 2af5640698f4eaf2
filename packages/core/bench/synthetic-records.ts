// Records for the in-process benchmarks, built from the real seeds in /examples with a word-bigram
// (English) or character-bigram (Chinese) chain, so they share the seeds' vocabulary and phrasing
// the way same-task synthetic records do, at ~300 characters of text each; one in five is Chinese.
import { recordText } from '../src/dedup/record-text.js';
import { seededRandom } from '../src/dedup/test-support/edit-one-phrase.js';
import { belleSamples, selfInstructSeeds } from '../src/dedup/test-support/seed-records.js';

function chain(tokens: string[][]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const sequence of tokens) {
    for (let i = 0; i + 1 < sequence.length; i++) {
      const list = next.get(sequence[i]!) ?? [];
      list.push(sequence[i + 1]!);
      next.set(sequence[i]!, list);
    }
  }
  return next;
}

const english = chain(selfInstructSeeds().map((record) => recordText(record).split(' ')));
const englishStarts = [...english.keys()];
const chinese = chain(belleSamples().map((record) => [...recordText(record).replace(/\s/g, '')]));
const chineseStarts = [...chinese.keys()];

/** `count` records from a random stream seeded with `seed` (different seeds, different records). */
export function syntheticRecords(count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const walk = (next: Map<string, string[]>, starts: string[], chars: number, separator: string): string => {
    let token = pick(starts);
    const parts = [token];
    let length = token.length;
    while (length < chars) {
      const options = next.get(token);
      token = options ? pick(options) : pick(starts);
      parts.push(token);
      length += separator.length + token.length;
    }
    return parts.join(separator); // a flat string, as JSON.parse would give
  };
  return Array.from({ length: count }, (_, i) => {
    const zh = i % 5 === 4;
    const [next, starts, separator] = zh ? [chinese, chineseStarts, ''] : [english, englishStarts, ' '];
    const scale = zh ? 0.5 : 1; // Chinese carries more per character
    return {
      instruction: walk(next, starts, 80 * scale, separator),
      input: walk(next, starts, 60 * scale, separator),
      output: walk(next, starts, 160 * scale, separator),
    };
  });
}
