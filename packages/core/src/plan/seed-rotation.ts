/**
 * Hands out seeds in a fixed shuffled order, wrapping around, so every seed is shown about equally
 * often and no two consecutive batches see the same examples (when there are enough seeds).
 */
export class SeedRotation<T> {
  readonly #order: number[];
  readonly #items: readonly T[];
  #offset: number;

  constructor(items: readonly T[], random: () => number, offset = 0) {
    this.#items = items;
    this.#order = items.map((_, index) => index);
    for (let i = this.#order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [this.#order[i], this.#order[j]] = [this.#order[j]!, this.#order[i]!];
    }
    this.#offset = items.length > 0 ? offset % items.length : 0;
  }

  /** Position in the rotation, kept in the run state so a resumed run continues it. */
  get offset(): number {
    return this.#offset;
  }

  next(count: number): T[] {
    const size = this.#items.length;
    const take = Math.min(count, size);
    const picked: T[] = [];
    for (let i = 0; i < take; i++) {
      picked.push(this.#items[this.#order[(this.#offset + i) % size]!]!);
    }
    if (size > 0) this.#offset = (this.#offset + take) % size;
    return picked;
  }
}
