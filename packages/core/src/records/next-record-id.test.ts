import { describe, expect, it } from 'vitest';
import { nextRecordId } from './next-record-id.js';

describe('nextRecordId', () => {
  it('numbers records from SYNTH_0001, padded to four digits and growing past them', () => {
    expect(nextRecordId(0)).toBe('SYNTH_0001');
    expect(nextRecordId(41)).toBe('SYNTH_0042');
    expect(nextRecordId(9998)).toBe('SYNTH_9999');
    expect(nextRecordId(9999)).toBe('SYNTH_10000');
    expect(nextRecordId(123455)).toBe('SYNTH_123456');
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => nextRecordId(-1)).toThrow(RangeError);
    expect(() => nextRecordId(1.5)).toThrow(RangeError);
    expect(() => nextRecordId(Number.NaN)).toThrow(RangeError);
  });
});
