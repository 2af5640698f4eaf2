import { z } from 'zod';
import type { ContaminationSummary } from './run-report.js';

const ITEMS_KEPT = 20;
const overlapSchema = z.object({
  file: z.string(),
  item: z.number().int(),
  id: z.string().optional(),
  kind: z.string(),
});

/** Counts `contamination` and `seed-copy` rejects by the guarded item they hit. */
export class ContaminationTally {
  readonly #items = new Map<string, ContaminationSummary['items'][number]>();
  total = 0;

  /** One reject; an `overlap` that is not a well-formed hit still counts towards the total. */
  add(reason: string, overlap: unknown): void {
    this.total += 1;
    const hit = overlapSchema.safeParse(overlap);
    if (!hit.success) return;
    const { file, item, id, kind } = hit.data;
    const key = `${reason}\u0000${file}\u0000${item}`;
    const entry = this.#items.get(key) ?? {
      reason,
      file,
      item,
      ...(id !== undefined && { id }),
      kinds: [],
      count: 0,
    };
    entry.count += 1;
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
    this.#items.set(key, entry);
  }

  /** The total and the most hit items. */
  summary(): ContaminationSummary {
    const items = [...this.#items.values()]
      .sort((a, b) => b.count - a.count || a.file.localeCompare(b.file) || a.item - b.item)
      .slice(0, ITEMS_KEPT);
    return { total: this.total, items };
  }
}
