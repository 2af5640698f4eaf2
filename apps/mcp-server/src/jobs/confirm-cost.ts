import { formatUsd } from '@datasynth/cost';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { formatDuration } from '../format-duration.js';
import { ToolError } from '../tool-error.js';

/** How long the user has to answer the confirmation (the SDK's default of 60 s is short for a person). */
const CONFIRMATION_TIMEOUT_MS = 10 * 60_000;

/** What a run is expected to cost and take, as shown before it spends anything. */
export interface RunEstimateShown {
  /** Records still to make. */
  count: number;
  model: string;
  output: string;
  /** USD; undefined for a model without a known price. */
  costUsd: number | undefined;
  /** Seconds (a planning figure); undefined for batch-API runs. */
  seconds: number | undefined;
}

/** The user's answer, or why none was asked for. */
export type CostDecision =
  | { kind: 'not-asked'; why: 'capped' | 'below-threshold' | 'unpriced' | 'no-elicitation' }
  | { kind: 'confirmed' }
  | { kind: 'declined'; action: 'decline' | 'cancel' };

/** One sentence with a run's estimate: `Estimated $0.4210 for 300 records with claude-sonnet-4-6, about 4 min.` */
export function describeEstimate(estimate: RunEstimateShown): string {
  const cost =
    estimate.costUsd === undefined
      ? `Cost unknown (no price for ${estimate.model})`
      : `Estimated ${formatUsd(estimate.costUsd)}`;
  const time =
    estimate.seconds === undefined
      ? 'answered within 24 h (batch API)'
      : `about ${formatDuration(estimate.seconds)}`;
  return `${cost} for ${estimate.count} records with ${estimate.model}, ${time}.`;
}

/**
 * Asks the user, through the client's form elicitation, to confirm a run whose estimate is above
 * `thresholdUsd` before anything is spent. Not asked when the call set a cap (`max_cost`), when the
 * estimate is at or below the threshold or unknown, or when the client cannot elicit (then the
 * job's answer states the estimate first). A failed elicitation throws: the run must not start.
 */
export async function confirmCost(options: {
  server: Server;
  estimate: RunEstimateShown;
  thresholdUsd: number;
  maxCost: number | undefined;
  signal: AbortSignal;
}): Promise<CostDecision> {
  const { server, estimate } = options;
  if (options.maxCost !== undefined) return { kind: 'not-asked', why: 'capped' };
  if (estimate.costUsd === undefined) return { kind: 'not-asked', why: 'unpriced' };
  if (estimate.costUsd <= options.thresholdUsd) return { kind: 'not-asked', why: 'below-threshold' };
  if (!server.getClientCapabilities()?.elicitation?.form) return { kind: 'not-asked', why: 'no-elicitation' };
  let answer: Awaited<ReturnType<Server['elicitInput']>>;
  try {
    answer = await server.elicitInput(
      {
        mode: 'form',
        message: `${describeEstimate(estimate)} Start generating into ${estimate.output}? (It is over the ${formatUsd(options.thresholdUsd)} asked-about threshold; a max_cost argument caps a run without asking.)`,
        requestedSchema: {
          type: 'object',
          properties: {
            start: {
              type: 'boolean',
              title: 'Start the run',
              description: `Spend about ${formatUsd(estimate.costUsd)} on ${estimate.model}.`,
              default: false,
            },
          },
          required: ['start'],
        },
      },
      { signal: options.signal, timeout: CONFIRMATION_TIMEOUT_MS },
    );
  } catch (error) {
    throw new ToolError(
      'not_confirmed',
      `Could not ask the user to confirm: ${describeEstimate(estimate)} (${error instanceof Error ? error.message : String(error)}). Nothing was spent or written; call again with max_cost to cap the run instead.`,
    );
  }
  if (answer.action === 'accept' && answer.content?.start === true) return { kind: 'confirmed' };
  return { kind: 'declined', action: answer.action === 'cancel' ? 'cancel' : 'decline' };
}
