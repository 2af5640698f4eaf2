import { displayWidth } from './display-width.js';

/** Label/value rows as aligned text (labels padded by display width, so CJK labels line up too). */
export function formatRows(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => displayWidth(label)));
  return rows
    .map(([label, value]) => `${label}${' '.repeat(width - displayWidth(label))}  ${value}`)
    .join('\n');
}
