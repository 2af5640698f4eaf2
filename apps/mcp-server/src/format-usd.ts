/** US dollars with four decimals (small runs cost fractions of a cent), e.g. `$0.0123`. */
export function formatUsd(value: number): string {
  return `$${value.toFixed(4)}`;
}
