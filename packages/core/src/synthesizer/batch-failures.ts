/** Requests of one provider batch that came back without records, by how they failed. */
export interface BatchFailures {
  errored: number;
  expired: number;
  canceled: number;
  /** Requests the results file did not mention. */
  missing: number;
  /** The first error message a result line gave. */
  firstError?: string;
}

/**
 * The warning for a collected batch with failed requests (`undefined` when none failed): how many of
 * its requests failed and how, the first error, and how the shortfall is topped up.
 */
export function describeBatchFailures(
  batch: { id: string; requestCount: number },
  failures: BatchFailures,
  topUp: 'batch' | 'online',
): string | undefined {
  const { errored, expired, canceled, missing, firstError } = failures;
  const failed = errored + expired + canceled + missing;
  if (failed === 0) return undefined;
  const parts = [
    errored > 0 && `${errored} errored`,
    expired > 0 && `${expired} expired`,
    canceled > 0 && `${canceled} cancelled`,
    missing > 0 && `${missing} without a result`,
  ].filter(Boolean);
  const how = topUp === 'online' ? 'with online calls' : 'with another batch';
  return `${failed} of ${batch.requestCount} requests of batch ${batch.id} failed (${parts.join(', ')})${firstError ? `: ${firstError}` : ''} The shortfall is topped up ${how}.`;
}
