import { mix32 } from '../dedup/hash-string.js';

const MAX_LOAD = 0.6;

/**
 * A set of pairs of non-negative 31-bit integers, in three typed arrays with open addressing:
 * 12 bytes per slot, no per-entry objects (a `Set<number>` of pairs packed into doubles costs
 * several times more memory and time). Each pair gets a dense id (0, 1, … in order of first
 * addition), so a pair can itself be one half of another pair (trigrams as (bigram, token)).
 */
export class IntPairSet {
  #first = new Int32Array(1024).fill(-1); // -1 marks an empty slot
  #second = new Int32Array(1024);
  #ids = new Int32Array(1024);
  #size = 0;

  /** Number of distinct pairs added. */
  get size(): number {
    return this.#size;
  }

  /** Adds the pair (no-op when present) and returns its id. */
  add(first: number, second: number): number {
    if ((this.#size + 1) / this.#first.length > MAX_LOAD) this.#grow();
    const slot = this.#slot(first, second);
    if (this.#first[slot] === -1) {
      this.#first[slot] = first;
      this.#second[slot] = second;
      this.#ids[slot] = this.#size++;
    }
    return this.#ids[slot]!;
  }

  // The slot holding the pair, or the empty slot where it goes (linear probing).
  #slot(first: number, second: number): number {
    const mask = this.#first.length - 1;
    let slot = mix32(Math.imul(first, 0x9e3779b1) ^ second) & mask;
    for (;;) {
      const stored = this.#first[slot]!;
      if (stored === -1 || (stored === first && this.#second[slot] === second)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const oldFirst = this.#first;
    const oldSecond = this.#second;
    const oldIds = this.#ids;
    this.#first = new Int32Array(oldFirst.length * 2).fill(-1);
    this.#second = new Int32Array(oldFirst.length * 2);
    this.#ids = new Int32Array(oldFirst.length * 2);
    for (let i = 0; i < oldFirst.length; i++) {
      const first = oldFirst[i]!;
      if (first === -1) continue;
      const slot = this.#slot(first, oldSecond[i]!);
      this.#first[slot] = first;
      this.#second[slot] = oldSecond[i]!;
      this.#ids[slot] = oldIds[i]!;
    }
  }
}
