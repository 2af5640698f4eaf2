// Linear probing stays short up to about 0.7 full.
const MAX_LOAD = 0.7;

/**
 * A set of 64-bit n-gram hashes (two 32-bit halves), each mapped to the first item that held it,
 * in three typed arrays: 12 bytes per slot, so 17–34 bytes per distinct n-gram. No strings and no
 * per-entry objects, so memory stays linear and small at millions of n-grams. A false match
 * needs a 64-bit collision: about 10^7 / 2^64 ≈ 5·10^-13 per query n-gram at 10^7 stored.
 */
export class NgramTable {
  #highs = new Int32Array(1024);
  #lows = new Int32Array(1024);
  #items = new Int32Array(1024); // item + 1; 0 marks an empty slot
  #used = 0;

  /** Distinct n-grams stored. */
  get size(): number {
    return this.#used;
  }

  /** Maps the n-gram to `item` unless an earlier item already holds it. */
  add(high: number, low: number, item: number): void {
    if ((this.#used + 1) / this.#items.length > MAX_LOAD) this.#grow();
    const slot = this.#findSlot(high, low);
    if (this.#items[slot] !== 0) return;
    this.#highs[slot] = high;
    this.#lows[slot] = low;
    this.#items[slot] = item + 1;
    this.#used++;
  }

  /** The first item holding the n-gram, or -1. */
  get(high: number, low: number): number {
    return this.#items[this.#findSlot(high, low)]! - 1;
  }

  #findSlot(high: number, low: number): number {
    const mask = this.#items.length - 1;
    let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
    while (this.#items[slot] !== 0 && (this.#highs[slot] !== high || this.#lows[slot] !== low)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  #grow(): void {
    const highs = this.#highs;
    const lows = this.#lows;
    const items = this.#items;
    this.#highs = new Int32Array(highs.length * 2);
    this.#lows = new Int32Array(lows.length * 2);
    this.#items = new Int32Array(items.length * 2);
    for (let i = 0; i < items.length; i++) {
      if (items[i] === 0) continue;
      const slot = this.#findSlot(highs[i]!, lows[i]!);
      this.#highs[slot] = highs[i]!;
      this.#lows[slot] = lows[i]!;
      this.#items[slot] = items[i]!;
    }
  }
}
