import { CostError } from './cost-error.js';
import { requireNonNegativeNumber } from './non-negative-number.js';

/** A hold on part of a {@link Budget} for one request in flight. */
export interface Reservation {
  readonly id: number;
  /** USD held. */
  readonly amount: number;
}

// Money is kept as whole nano-dollars in BigInt so sums are exact: a float running total could
// drift by an ulp and let settled spend creep past the cap. Reservations and charges round up,
// the cap rounds down, so rounding can only make the guard stricter.
const NANO_PER_USD = 1_000_000_000;

function toNanoCeil(usd: number): bigint {
  const nano = usd * NANO_PER_USD;
  // Past ~1.8e299 USD the product overflows; such amounts have no fractional part to round.
  return Number.isFinite(nano) ? BigInt(Math.ceil(nano)) : BigInt(usd) * BigInt(NANO_PER_USD);
}

function toNanoFloor(usd: number): bigint {
  const nano = usd * NANO_PER_USD;
  return Number.isFinite(nano) ? BigInt(Math.floor(nano)) : BigInt(usd) * BigInt(NANO_PER_USD);
}

function toUsd(nano: bigint): number {
  return Number(nano) / NANO_PER_USD;
}

/**
 * A spending cap that answers "may I send this request?". Reserve the request's worst-case cost
 * before sending it ({@link maxCostOfRequest}), then settle with the actual cost or release it
 * when nothing was charged. As long as every reservation is an honest upper bound of what is
 * settled against it, settled spend never exceeds the cap. Amounts are tracked in whole
 * nano-dollars, rounded up.
 */
export class Budget {
  readonly #capNano: bigint;
  readonly #open = new Map<number, bigint>();
  #spentNano = 0n;
  #reservedNano = 0n;
  #nextId = 1;

  /** `maxCost` in USD; throws a `CostError` unless it is a finite number > 0. */
  constructor(maxCost: number) {
    if (typeof maxCost !== 'number' || !Number.isFinite(maxCost) || maxCost <= 0) {
      throw new CostError(
        'invalid_argument',
        `A budget cap must be a finite amount of USD > 0, got ${String(maxCost)}.`,
      );
    }
    this.#capNano = toNanoFloor(maxCost);
  }

  /**
   * Holds `maxCostOfRequest` USD for a request. Returns undefined — refused — when
   * spent + reserved + amount would exceed the cap.
   */
  reserve(maxCostOfRequest: number): Reservation | undefined {
    requireNonNegativeNumber(maxCostOfRequest, 'maxCostOfRequest');
    const amountNano = toNanoCeil(maxCostOfRequest);
    if (this.#spentNano + this.#reservedNano + amountNano > this.#capNano) {
      return undefined;
    }
    const id = this.#nextId;
    this.#nextId += 1;
    this.#open.set(id, amountNano);
    this.#reservedNano += amountNano;
    return Object.freeze({ id, amount: toUsd(amountNano) });
  }

  /**
   * Releases the reservation and adds what the request actually cost. Throws a `CostError` if
   * the reservation was already settled or released. An actual cost above the reservation is
   * still recorded — spend can then pass the cap, which is why reservations must be upper bounds.
   */
  settle(reservation: Reservation, actualCost: number): void {
    requireNonNegativeNumber(actualCost, 'actualCost');
    const amountNano = this.#close(reservation);
    if (amountNano === undefined) {
      throw new CostError(
        'reservation_closed',
        `Reservation ${reservation.id} was already settled or released; each reservation settles once.`,
      );
    }
    const chargedNano = toNanoCeil(actualCost);
    // Settling with `reservation.amount` itself must not round one nano-dollar past the hold.
    const withinHold = actualCost <= toUsd(amountNano) && chargedNano > amountNano;
    this.#spentNano += withinHold ? amountNano : chargedNano;
  }

  /** Gives the reservation back without charge (request never sent, or failed unbilled). Releasing twice is a no-op. */
  release(reservation: Reservation): void {
    this.#close(reservation);
  }

  /** USD settled so far. */
  get spent(): number {
    return toUsd(this.#spentNano);
  }

  /** USD held by open reservations. */
  get reserved(): number {
    return toUsd(this.#reservedNano);
  }

  /** USD still available for new reservations (never negative). */
  get remaining(): number {
    const left = this.#capNano - this.#spentNano - this.#reservedNano;
    return left > 0n ? toUsd(left) : 0;
  }

  /** The cap in USD (rounded down to a whole nano-dollar). */
  get cap(): number {
    return toUsd(this.#capNano);
  }

  #close(reservation: Reservation): bigint | undefined {
    const amountNano = this.#open.get(reservation.id);
    if (amountNano === undefined) return undefined;
    this.#open.delete(reservation.id);
    this.#reservedNano -= amountNano;
    return amountNano;
  }
}
