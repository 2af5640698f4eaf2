import { mix32 } from '../dedup/hash-string.js';

const MAX_LOAD = 0.6;

/**
 * A set of pairs of non-negative 31-bit integers, in two typed arrays with open addressing:
 * 8 bytes per slot, no per-entry objects (a `Set<number>` of pairs packed into doubles costs
 * several times more memory and time).
 */
export class IntPairSet {
  #first = new Int32Array(1024).fill(-1); // -1 marks an empty slot
  #second = new Int32Array(1024);
  #size = 0;

  /** Number of distinct pairs added. */
  get size(): number {
    return this.#size;
  }

  /** Adds the pair (no-op when present). */
  add(first: number, second: number): void {
    if ((this.#size + 1) / this.#first.length > MAX_LOAD) this.#grow();
    const slot = this.#slot(first, second);
    if (this.#first[slot] === -1) {
      this.#first[slot] = first;
      this.#second[slot] = second;
      this.#size++;
    }
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
    this.#first = new Int32Array(oldFirst.length * 2).fill(-1);
    this.#second = new Int32Array(oldFirst.length * 2);
    for (let i = 0; i < oldFirst.length; i++) {
      const first = oldFirst[i]!;
      if (first === -1) continue;
      const slot = this.#slot(first, oldSecond[i]!);
      this.#first[slot] = first;
      this.#second[slot] = oldSecond[i]!;
    }
  }
}
