import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Budget, type Reservation } from './budget.js';
import { CostError } from './cost-error.js';

describe('Budget', () => {
  it('reserves, settles and releases', () => {
    const budget = new Budget(1);
    const first = budget.reserve(0.4);
    const second = budget.reserve(0.4);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(budget.reserved).toBeCloseTo(0.8, 12);
    expect(budget.remaining).toBeCloseTo(0.2, 12);
    expect(budget.reserve(0.3)).toBeUndefined(); // 0 + 0.8 + 0.3 > 1
    budget.settle(first!, 0.1);
    expect(budget.spent).toBeCloseTo(0.1, 12);
    expect(budget.reserved).toBeCloseTo(0.4, 12);
    budget.release(second!);
    expect(budget.reserved).toBe(0);
    expect(budget.remaining).toBeCloseTo(0.9, 12);
    expect(budget.cap).toBe(1);
  });

  it('accepts a reservation that exactly fills the cap and refuses one cent more', () => {
    const budget = new Budget(5);
    expect(budget.reserve(5)).toBeDefined();
    expect(budget.reserve(0.01)).toBeUndefined();
    expect(budget.reserve(0)).toBeDefined();
  });

  it('records actual spend above the reservation, then refuses everything', () => {
    const budget = new Budget(1);
    const reservation = budget.reserve(0.5)!;
    budget.settle(reservation, 1.2);
    expect(budget.spent).toBeCloseTo(1.2, 12);
    expect(budget.remaining).toBe(0);
    expect(budget.reserve(0.000001)).toBeUndefined();
  });

  it('charges exactly the held amount when settled with reservation.amount', () => {
    const budget = new Budget(1);
    let held = 0;
    for (let step = 1; step <= 2_000; step += 1) {
      const reservation = budget.reserve(step * 1.37e-7)!;
      held += reservation.amount;
      budget.settle(reservation, reservation.amount);
    }
    expect(budget.spent).toBeCloseTo(held, 12);
  });

  it('rejects bad caps and amounts, and a second settle', () => {
    for (const cap of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Budget(cap)).toThrow(CostError);
    }
    const budget = new Budget(1);
    expect(() => budget.reserve(-0.1)).toThrow(/maxCostOfRequest/);
    const reservation = budget.reserve(0.1)!;
    expect(() => budget.settle(reservation, Number.NaN)).toThrow(/actualCost/);
    budget.settle(reservation, 0.05);
    expect(() => budget.settle(reservation, 0.05)).toThrow(
      expect.objectContaining({ code: 'reservation_closed' }),
    );
    budget.release(reservation); // releasing a closed reservation is a no-op
    expect(budget.spent).toBeCloseTo(0.05, 12);
  });

  it('never lets settled spend pass the cap when reservations are honest upper bounds (property)', () => {
    type Step =
      | { kind: 'reserve'; amount: number }
      | { kind: 'settle'; pick: number; fraction: number }
      | { kind: 'release'; pick: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('reserve' as const),
        amount: fc.oneof(
          fc.double({ min: 0, max: 2, noNaN: true }),
          fc.integer({ min: 0, max: 200 }).map((cents) => cents / 100),
        ),
      }),
      fc.record({
        kind: fc.constant('settle' as const),
        pick: fc.nat(),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    );
    const capArbitrary = fc.oneof(
      fc.double({ min: 0.01, max: 10, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }).map((c) => c / 100),
    );

    fc.assert(
      fc.property(capArbitrary, fc.array(step, { maxLength: 60 }), (cap, steps) => {
        const budget = new Budget(cap);
        const open: { reservation: Reservation; requested: number }[] = [];
        const tolerance = 2e-9 + budget.cap * 1e-12;
        for (const next of steps) {
          if (next.kind === 'reserve') {
            const before = budget.spent + budget.reserved + next.amount;
            const reservation = budget.reserve(next.amount);
            if (reservation === undefined) {
              expect(before).toBeGreaterThan(budget.cap - tolerance);
            } else {
              expect(before).toBeLessThanOrEqual(budget.cap + tolerance);
              expect(reservation.amount).toBeGreaterThanOrEqual(next.amount);
              open.push({ reservation, requested: next.amount });
            }
          } else if (open.length > 0) {
            const [taken] = open.splice(next.pick % open.length, 1);
            if (next.kind === 'settle') {
              budget.settle(taken!.reservation, taken!.requested * next.fraction);
            } else {
              budget.release(taken!.reservation);
            }
          }
          expect(budget.spent).toBeLessThanOrEqual(budget.cap);
          expect(budget.reserved).toBeGreaterThanOrEqual(0);
          expect(budget.remaining).toBeGreaterThanOrEqual(0);
          const openSum = open.reduce((sum, entry) => sum + entry.reservation.amount, 0);
          expect(budget.reserved).toBeCloseTo(openSum, 6);
        }
        // Settling everything at its full reservation still stays under the cap.
        for (const entry of open) budget.settle(entry.reservation, entry.reservation.amount);
        expect(budget.spent).toBeLessThanOrEqual(budget.cap);
        expect(budget.reserved).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
