/**
 * US dollars for people: `$0.00` for nothing, `<$0.0001` for crumbs, four decimals below a dollar
 * (small runs cost fractions of a cent), cents from a dollar up. The one formatting of money that
 * core's messages, the report, the CLI and the MCP server share.
 */
export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  if (value < 0.0001) return '<$0.0001';
  if (value < 1) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
