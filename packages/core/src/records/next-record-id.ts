/**
 * The id of the next record after `existingCount` records: `SYNTH_0001` … `SYNTH_9999`,
 * then `SYNTH_10000` and on (the number is padded to at least four digits).
 *
 * @throws RangeError when `existingCount` is not a non-negative safe integer.
 */
export function nextRecordId(existingCount: number): string {
  if (!Number.isSafeInteger(existingCount) || existingCount < 0) {
    throw new RangeError(`nextRecordId: expected a non-negative integer count, got ${existingCount}`);
  }
  return `SYNTH_${String(existingCount + 1).padStart(4, '0')}`;
}
