import { hashString53 } from '../dedup/hash-string.js';
import { MinHasher, SHINGLE_SIZE, SIGNATURE_LENGTH } from '../dedup/min-hash.js';
import { recordText } from '../dedup/record-text.js';

/**
 * For each record, the highest estimated similarity (MinHash over character 4-grams, as the dedup
 * index's signatures, compared on all 32 bits) to any other record of the set: exact, not an LSH approximation. `NaN` for a
 * record without text; a text shorter than 4 characters scores 1 against an identical one, else 0.
 *
 * Per signature position the records are sorted by their value there; a record's agreements are
 * counted by walking the run of records sharing its value at each position. Memory is 512 bytes
 * per record; time grows with the number of agreeing pairs, which stays near linear unless the set
 * is full of duplicates.
 */
export function nearestNeighbourSimilarities(records: readonly Record<string, unknown>[]): Float64Array {
  const count = records.length;
  const result = new Float64Array(count).fill(Number.NaN);
  const signatures = new Int32Array(count * SIGNATURE_LENGTH);
  const hasSignature = new Uint8Array(count);
  const shortTexts = new Map<number, number[]>();
  const hasher = new MinHasher();
  records.forEach((record, index) => {
    const text = recordText(record);
    if (text.length >= SHINGLE_SIZE) {
      hasher.signatureInto(text, signatures, index * SIGNATURE_LENGTH);
      hasSignature[index] = 1;
    } else if (text.length > 0) {
      const key = hashString53(text, 1);
      const group = shortTexts.get(key);
      if (group) group.push(index);
      else shortTexts.set(key, [index]);
    }
  });
  for (const group of shortTexts.values())
    for (const index of group) result[index] = group.length > 1 ? 1 : 0;

  const members = Int32Array.from({ length: count }, (_, index) => index).filter(
    (index) => hasSignature[index] === 1,
  );
  const orders: Int32Array[] = [];
  for (let position = 0; position < SIGNATURE_LENGTH; position++) {
    const valueAt = (index: number): number => signatures[index * SIGNATURE_LENGTH + position]!;
    orders.push(members.slice().sort((a, b) => valueAt(a) - valueAt(b) || a - b));
  }

  const agreements = new Int32Array(count);
  const touched: number[] = [];
  for (const index of members) {
    for (let position = 0; position < SIGNATURE_LENGTH; position++) {
      const order = orders[position]!;
      const value = signatures[index * SIGNATURE_LENGTH + position]!;
      const valueAt = (rank: number): number => signatures[order[rank]! * SIGNATURE_LENGTH + position]!;
      // first rank holding `value`
      let low = 0;
      let high = order.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (valueAt(middle) < value) low = middle + 1;
        else high = middle;
      }
      for (let rank = low; rank < order.length && valueAt(rank) === value; rank++) {
        const other = order[rank]!;
        if (other === index) continue;
        if (agreements[other] === 0) touched.push(other);
        agreements[other]!++;
      }
    }
    let best = 0;
    for (const other of touched) {
      if (agreements[other]! > best) best = agreements[other]!;
      agreements[other] = 0;
    }
    touched.length = 0;
    result[index] = best / SIGNATURE_LENGTH;
  }
  return result;
}
