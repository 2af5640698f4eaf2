/** One enum field to balance: its members and their target shares (summing to 1). */
export interface EnumTarget {
  field: string;
  /** Target share per member, keyed by the member's JSON text (`"a"`, `1`, `true`). */
  shares: Map<string, number>;
  /** The members, by the same keys. */
  values: Map<string, unknown>;
}

/** Values one batch was asked for, to be settled when the batch is done. */
export type EnumRequest = Map<string, string[]>;

/**
 * Chooses, for each batch, the values each enum field should take, from the deficit between the
 * target share and what is already accepted or asked for by batches still in flight. Because it
 * looks at accepted counts, it corrects itself when a model ignores a request or records are
 * rejected.
 */
export class EnumBalancer {
  readonly #targets: EnumTarget[];
  readonly #accepted = new Map<string, Map<string, number>>();
  readonly #pending = new Map<string, Map<string, number>>();

  constructor(targets: EnumTarget[]) {
    this.#targets = targets;
    for (const target of targets) {
      this.#accepted.set(target.field, new Map([...target.values.keys()].map((key) => [key, 0])));
      this.#pending.set(target.field, new Map([...target.values.keys()].map((key) => [key, 0])));
    }
  }

  /** Whether there is any field to balance. */
  get active(): boolean {
    return this.#targets.length > 0;
  }

  /** Target shares per field and value (value keys as JSON text for non-strings), for the run state. */
  shares(): Record<string, Record<string, number>> {
    const result: Record<string, Record<string, number>> = {};
    for (const target of this.#targets) {
      result[target.field] = Object.fromEntries(
        [...target.shares].map(([key, share]) => [labelOf(target.values.get(key)), share]),
      );
    }
    return result;
  }

  /** Counts an accepted record (also for records accepted before a resume). */
  accept(record: Record<string, unknown>): void {
    for (const target of this.#targets) {
      const key = JSON.stringify(record[target.field]);
      const counts = this.#accepted.get(target.field)!;
      if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
    }
  }

  /** Picks `count` values per field for the next batch, record by record, and marks them in flight. */
  request(count: number): { values: Record<string, unknown[]>; request: EnumRequest } {
    const values: Record<string, unknown[]> = {};
    const request: EnumRequest = new Map();
    for (const target of this.#targets) {
      const accepted = this.#accepted.get(target.field)!;
      const pending = this.#pending.get(target.field)!;
      const picked: string[] = [];
      for (let index = 0; index < count; index += 1) {
        let total = 0;
        for (const key of target.values.keys()) total += accepted.get(key)! + pending.get(key)!;
        let best: string | undefined;
        let bestDeficit = Number.NEGATIVE_INFINITY;
        for (const [key, share] of target.shares) {
          if (share <= 0) continue;
          const deficit = share * (total + 1) - (accepted.get(key)! + pending.get(key)!);
          if (deficit > bestDeficit) {
            best = key;
            bestDeficit = deficit;
          }
        }
        if (best === undefined) break;
        pending.set(best, pending.get(best)! + 1);
        picked.push(best);
      }
      request.set(target.field, picked);
      values[target.field] = picked.map((key) => target.values.get(key));
    }
    return { values, request };
  }

  /** Takes a finished batch's requests out of flight (accepted records are counted by {@link accept}). */
  settle(request: EnumRequest): void {
    for (const [field, keys] of request) {
      const pending = this.#pending.get(field)!;
      for (const key of keys) pending.set(key, Math.max(0, pending.get(key)! - 1));
    }
  }
}

function labelOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
