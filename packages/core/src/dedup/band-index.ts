import { growInt32Array } from './grow-int32-array.js';
import { mix32 } from './hash-string.js';
import type { LshBands } from './lsh-bands.js';

// Linear probing stays short up to about 0.8 full; a lower bound would double the table sooner.
const MAX_LOAD = 0.8;

/**
 * LSH buckets over MinHash signatures, held in typed arrays: an open-addressing table from a
 * 32-bit band key (band number mixed with that band's rows) to the newest entry in its bucket,
 * and one `next` link per (record, band) entry. Entry `e` belongs to record `e / bands`, so
 * records are not stored twice. About 12 bytes per record per band.
 *
 * Two different bands can hash to the same key; that only adds a candidate, which the caller
 * verifies against the full signature anyway.
 */
export class BandIndex {
  readonly #bands: number;
  readonly #rows: number;
  #slotKeys = new Int32Array(1024);
  #slotHeads = new Int32Array(1024); // entry + 1; 0 marks an empty slot
  #usedSlots = 0;
  #next = new Int32Array(1024); // per entry: previous entry in the bucket + 1; 0 ends it
  #visited = new Int32Array(64); // per record: the query stamp that last reported it
  #stamp = 0;

  constructor({ bands, rows }: LshBands) {
    this.#bands = bands;
    this.#rows = rows;
  }

  /** Adds record `record` (dense, 0-based, in insertion order) with the signature at `signatures[offset…]`. */
  insert(record: number, signatures: Int32Array, offset: number): void {
    const firstEntry = record * this.#bands;
    if (firstEntry + this.#bands > this.#next.length) {
      this.#next = growInt32Array(this.#next, firstEntry + this.#bands);
    }
    if (record >= this.#visited.length) this.#visited = growInt32Array(this.#visited, record + 1);
    for (let band = 0; band < this.#bands; band++) {
      if ((this.#usedSlots + 1) / this.#slotKeys.length > MAX_LOAD) this.#rehash();
      const key = this.#bandKey(band, signatures, offset);
      const slot = this.#findSlot(key);
      const entry = firstEntry + band;
      if (this.#slotHeads[slot] === 0) {
        this.#slotKeys[slot] = key;
        this.#usedSlots++;
      }
      this.#next[entry] = this.#slotHeads[slot]!;
      this.#slotHeads[slot] = entry + 1;
    }
  }

  /** Appends every record sharing at least one band with the signature to `out`, each once. */
  collectCandidates(signatures: Int32Array, offset: number, out: number[]): void {
    this.#stamp = (this.#stamp + 1) | 0;
    if (this.#stamp === 0) {
      this.#visited.fill(0);
      this.#stamp = 1;
    }
    const stamp = this.#stamp;
    for (let band = 0; band < this.#bands; band++) {
      const key = this.#bandKey(band, signatures, offset);
      let link = this.#slotHeads[this.#findSlot(key)]!;
      while (link !== 0) {
        const entry = link - 1;
        const record = (entry / this.#bands) | 0;
        if (this.#visited[record] !== stamp) {
          this.#visited[record] = stamp;
          out.push(record);
        }
        link = this.#next[entry]!;
      }
    }
  }

  #bandKey(band: number, signatures: Int32Array, offset: number): number {
    let h = mix32(band + 0x632be5ab);
    const start = offset + band * this.#rows;
    for (let row = 0; row < this.#rows; row++) h = Math.imul(h ^ signatures[start + row]!, 0x01000193);
    return mix32(h);
  }

  // Linear probing: the slot holding `key`, or the empty slot where it would go.
  #findSlot(key: number): number {
    const mask = this.#slotKeys.length - 1;
    let slot = key & mask;
    while (this.#slotHeads[slot] !== 0 && this.#slotKeys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  #rehash(): void {
    const oldKeys = this.#slotKeys;
    const oldHeads = this.#slotHeads;
    this.#slotKeys = new Int32Array(oldKeys.length * 2);
    this.#slotHeads = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] === 0) continue;
      const slot = this.#findSlot(oldKeys[i]!);
      this.#slotKeys[slot] = oldKeys[i]!;
      this.#slotHeads[slot] = oldHeads[i]!;
    }
  }
}
