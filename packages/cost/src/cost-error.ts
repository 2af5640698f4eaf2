/** What went wrong, as a stable code callers can branch on. */
export type CostErrorCode = 'invalid_price_override' | 'invalid_argument' | 'reservation_closed';

const COST_ERROR_MARKER = Symbol.for('@datasynth/cost/CostError');

/**
 * The one error class this package throws: bad configuration (price overrides, budget caps) or
 * a programming mistake (negative token counts, settling a reservation twice).
 */
export class CostError extends Error {
  readonly code: CostErrorCode;
  readonly [COST_ERROR_MARKER] = true;

  constructor(code: CostErrorCode, message: string) {
    super(message);
    this.name = 'CostError';
    this.code = code;
  }

  /** True for a `CostError`, even one thrown by another copy of this package. */
  static isInstance(error: unknown): error is CostError {
    return typeof error === 'object' && error !== null && COST_ERROR_MARKER in error;
  }
}
