import { costAtPrice, validateUsage } from './cost-of.js';
import { priceForPrompt } from './long-context-price.js';
import { lookupPrice, type PriceLookup } from './lookup-price.js';
import type { TokenUsage } from './model-price.js';
import { requireNonNegativeNumber } from './non-negative-number.js';
import { type PriceOverrides, validatePriceOverrides } from './price-overrides.js';

/** Usage and cost of one model inside a {@link CostMeter}. */
export interface ModelCostTotals {
  usage: TokenUsage;
  /** USD; undefined when the model has no known price. */
  cost: number | undefined;
  calls: number;
}

/**
 * Adds up what a run has spent, call by call. Usage of models without a price is counted in the
 * token totals and listed in `unpricedModels`, but adds nothing to `totalCost`.
 */
export class CostMeter {
  readonly #overrides: PriceOverrides | undefined;
  readonly #batch: boolean;
  readonly #prices = new Map<string, PriceLookup | undefined>();
  readonly #byModel = new Map<string, ModelCostTotals>();
  readonly #usage: TokenUsage = emptyUsage();
  #totalCost = 0;

  /** `batch` is the default for every `record` call; `overrides` are checked here (throws `CostError`). */
  constructor(options?: { overrides?: PriceOverrides; batch?: boolean }) {
    this.#overrides =
      options?.overrides === undefined ? undefined : validatePriceOverrides(options.overrides);
    this.#batch = options?.batch ?? false;
  }

  /** Adds one call's usage; returns its cost in USD, or undefined when the model has no price. */
  record(model: string, usage: TokenUsage, options?: { batch?: boolean }): number | undefined {
    validateUsage(usage);
    const found = this.#priceOf(model);
    const cost =
      found === undefined
        ? undefined
        : costAtPrice(
            usage,
            priceForPrompt(
              found.price,
              found.entry?.longContext,
              usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
            ),
            options?.batch ?? this.#batch,
          );

    addUsage(this.#usage, usage);
    let totals = this.#byModel.get(model);
    if (totals === undefined) {
      totals = { usage: emptyUsage(), cost: found === undefined ? undefined : 0, calls: 0 };
      this.#byModel.set(model, totals);
    }
    addUsage(totals.usage, usage);
    totals.calls += 1;
    if (cost !== undefined) {
      totals.cost = (totals.cost ?? 0) + cost;
      this.#totalCost += cost;
    }
    return cost;
  }

  /** Token totals over every recorded call. */
  get usage(): TokenUsage {
    return { ...this.#usage };
  }

  /** USD spent on priced models. */
  get totalCost(): number {
    return this.#totalCost;
  }

  /** Models recorded without a known price, in the order first seen. */
  get unpricedModels(): string[] {
    return [...this.#byModel.entries()]
      .filter(([, totals]) => totals.cost === undefined)
      .map(([model]) => model);
  }

  /** Totals per model id, as passed to `record`. */
  byModel(): Record<string, ModelCostTotals> {
    const result: Record<string, ModelCostTotals> = {};
    for (const [model, totals] of this.#byModel) {
      result[model] = { usage: { ...totals.usage }, cost: totals.cost, calls: totals.calls };
    }
    return result;
  }

  /**
   * Projects the total cost of reaching `target` accepted records from the cost per accepted
   * record so far. Undefined before anything was accepted or when nothing priced was recorded.
   */
  projectTotal(acceptedSoFar: number, target: number): number | undefined {
    requireNonNegativeNumber(acceptedSoFar, 'acceptedSoFar');
    requireNonNegativeNumber(target, 'target');
    if (acceptedSoFar === 0) return undefined;
    const anyPriced = [...this.#byModel.values()].some((totals) => totals.cost !== undefined);
    if (!anyPriced) return undefined;
    return (this.#totalCost / acceptedSoFar) * Math.max(target, acceptedSoFar);
  }

  #priceOf(model: string): PriceLookup | undefined {
    if (!this.#prices.has(model)) {
      this.#prices.set(
        model,
        lookupPrice(model, this.#overrides === undefined ? undefined : { overrides: this.#overrides }),
      );
    }
    return this.#prices.get(model);
  }
}

function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

function addUsage(into: TokenUsage, usage: TokenUsage): void {
  into.inputTokens += usage.inputTokens;
  into.outputTokens += usage.outputTokens;
  into.cacheReadTokens += usage.cacheReadTokens;
  into.cacheWriteTokens += usage.cacheWriteTokens;
}
