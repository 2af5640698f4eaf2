/** A copy of `array` at least `minimumLength` long (doubling, so appends stay amortised O(1)). */
export function growInt32Array(array: Int32Array, minimumLength: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(minimumLength, array.length * 2));
  grown.set(array);
  return grown;
}
