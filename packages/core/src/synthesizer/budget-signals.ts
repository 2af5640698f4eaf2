/** Thrown inside a gated call when the budget refuses the next request. */
export class BudgetRefusal extends Error {
  constructor(readonly worstCase: number) {
    super('budget refused');
  }
}

/**
 * Thrown inside a gated call whose retry finds the cap held by calls not yet sent (queued for a
 * slot this retry would keep): the call is dropped so they can go, and the run plans its shortfall again.
 */
export class BudgetDeferral extends Error {
  constructor() {
    super('budget held by calls not yet sent');
  }
}
