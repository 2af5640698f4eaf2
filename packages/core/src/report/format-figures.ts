/** A number for a chart or table: integers with thousands separators, others with up to 3 significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return formatCount(value);
  return String(Number(value.toPrecision(3)));
}

/** An integer with thousands separators (`1,234,567`), the same in every locale. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A share as a percentage: one decimal below 10%, none above. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;
}
