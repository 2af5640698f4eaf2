/**
 * Cohen's kappa of two raters' labels for the same items: (p_o − p_e) / (1 − p_e), with p_o the
 * observed agreement and p_e the agreement expected by chance from each rater's label shares.
 * 1 is perfect agreement, 0 chance level, below 0 worse than chance. `undefined` without items or
 * when chance agreement is already 1 (both raters gave one and the same label to everything).
 */
export function cohensKappa(first: readonly string[], second: readonly string[]): number | undefined {
  if (first.length !== second.length) throw new RangeError('Both raters must label the same items.');
  const count = first.length;
  if (count === 0) return undefined;
  const firstShares = new Map<string, number>();
  const secondShares = new Map<string, number>();
  let agreed = 0;
  for (let i = 0; i < count; i++) {
    if (first[i] === second[i]) agreed++;
    firstShares.set(first[i]!, (firstShares.get(first[i]!) ?? 0) + 1 / count);
    secondShares.set(second[i]!, (secondShares.get(second[i]!) ?? 0) + 1 / count);
  }
  let chance = 0;
  for (const [label, share] of firstShares) chance += share * (secondShares.get(label) ?? 0);
  if (chance >= 1 - 1e-12) return undefined;
  return (agreed / count - chance) / (1 - chance);
}

/**
 * Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their
 * average rank. `undefined` with fewer than two pairs or when either side is constant.
 */
export function spearmanCorrelation(first: readonly number[], second: readonly number[]): number | undefined {
  if (first.length !== second.length) throw new RangeError('Both lists must score the same items.');
  if (first.length < 2) return undefined;
  return pearson(averageRanks(first), averageRanks(second));
}

function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, index) => index).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(first: readonly number[], second: readonly number[]): number | undefined {
  const count = first.length;
  const meanFirst = first.reduce((sum, value) => sum + value, 0) / count;
  const meanSecond = second.reduce((sum, value) => sum + value, 0) / count;
  let covariance = 0;
  let varianceFirst = 0;
  let varianceSecond = 0;
  for (let i = 0; i < count; i++) {
    const a = first[i]! - meanFirst;
    const b = second[i]! - meanSecond;
    covariance += a * b;
    varianceFirst += a * a;
    varianceSecond += b * b;
  }
  if (varianceFirst === 0 || varianceSecond === 0) return undefined;
  return covariance / Math.sqrt(varianceFirst * varianceSecond);
}
