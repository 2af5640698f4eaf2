import type { TokenUsage } from '@datasynth/cost';

/** What `<output>.state.json` holds: enough to resume a run exactly and to refuse a mismatched one. */
export interface RunState {
  version: 1;
  /** Hash of the schema's fields; a resume under another schema is refused. */
  schemaFingerprint: string;
  model: string;
  provider: string;
  targetCount: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  duplicates: { exact: number; near: number };
  failedRequests: number;
  requests: number;
  usage: TokenUsage;
  cost: number | undefined;
  seedOffset: number;
  batchSize: number;
  updatedAt: string;
  stoppedBecause?: string;
}

/** Reads a state object from disk defensively: anything unexpected is treated as absent. */
export function readRunState(value: unknown): RunState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<RunState>;
  if (state.version !== 1 || typeof state.schemaFingerprint !== 'string') return undefined;
  return state as RunState;
}

export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

export function addUsage(total: TokenUsage, usage: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cacheReadTokens: total.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + usage.cacheWriteTokens,
  };
}
