import { describe, expect, it } from 'vitest';
import { MAX_SHINGLES, MinHasher, SIGNATURE_LENGTH, signatureSimilarity } from './min-hash.js';

function signature(text: string): Int32Array {
  const target = new Int32Array(SIGNATURE_LENGTH);
  new MinHasher().signatureInto(text, target, 0);
  return target;
}

/** Deterministic varied text: pseudo-random letters and spaces, so its 4-grams rarely repeat. */
function prose(length: number, salt: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz     ';
  let state = salt;
  const characters: string[] = [];
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    characters.push(letters[(state >>> 16) % letters.length] as string);
  }
  return characters.join('');
}

describe('MinHasher on very long texts', () => {
  it('reads only the first and last MAX_SHINGLES / 2 shingles of a text longer than that', () => {
    const start = prose(MAX_SHINGLES, 1);
    const end = prose(MAX_SHINGLES, 2);
    const a = `${start}${prose(100_000, 3)}${end}`;
    const b = `${start}${prose(100_000, 4)}${end}`;
    // Only the middle differs: the same signature, however long the middle is.
    expect(signatureSimilarity(signature(a), 0, signature(b), 0)).toBe(1);
    // A different start is seen.
    const c = `${prose(MAX_SHINGLES, 5)}${prose(100_000, 3)}${end}`;
    expect(signatureSimilarity(signature(a), 0, signature(c), 0)).toBeLessThan(0.9);
  });

  it('reads every shingle of a text up to that size', () => {
    const base = prose(MAX_SHINGLES / 2, 6);
    const edited = `${base.slice(0, 10_000)}${prose(20_000, 7)}${base.slice(30_000)}`;
    expect(signatureSimilarity(signature(base), 0, signature(edited), 0)).toBeLessThan(1);
  });
});
