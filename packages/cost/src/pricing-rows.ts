import type { ModelPrice, PricingEntry, PricingProvider } from './model-price.js';

/** The four per-million-token prices of a model, named once where several models share them. */
export type PriceTier = Pick<ModelPrice, 'input' | 'output' | 'cacheWrite' | 'cacheRead'>;

/** One row of a provider's table, without what every row of that provider shares. */
export type PricingRow = Omit<PricingEntry, 'provider' | 'batchDiscount'>;

/**
 * The row builder of one provider's table: the provider and its batch discount (a rule for all of
 * its models) are said once, each row says the rest.
 */
export function pricingRows(
  provider: PricingProvider,
  batchDiscount: number,
): (row: PricingRow) => PricingEntry {
  return (row) => ({ provider, batchDiscount, ...row });
}
