import type { PriceLookup } from './lookup-price.js';

/** Warnings a caller should show about the model a price was found for. */
export function modelStatusWarnings(modelId: string, found: PriceLookup, today: string): string[] {
  const warnings: string[] = [];
  if (found.match === 'family') {
    warnings.push(
      `Model "${modelId}" is priced as "${found.matchedId}"; set a price override if they differ.`,
    );
  }
  const retiresOn = found.entry?.deprecated?.retiresOn;
  if (retiresOn !== undefined) {
    warnings.push(
      retiresOn <= today
        ? `Model "${modelId}" was retired on ${retiresOn}; requests to it will fail on the provider's own API.`
        : `Model "${modelId}" is deprecated and retires on ${retiresOn}.`,
    );
  }
  return warnings;
}

/** Today's date as YYYY-MM-DD (UTC), comparable with retirement dates as strings. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
