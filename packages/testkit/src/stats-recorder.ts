import type { StructuredMode } from './record-engine.js';
import type { PlantKind } from './record-planter.js';
import type { TestServerStats } from './test-server-types.js';

function emptyStats(): TestServerStats {
  return {
    requests: {},
    totalRequests: 0,
    recordsEmitted: 0,
    planted: { exactDuplicate: 0, nearDuplicate: 0, invalid: 0 },
    echoed: [],
    textPlanted: 0,
    answeredRequestIds: [],
    faults: {},
    rateLimited: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    maxConcurrent: 0,
    cacheControlBlocks: 0,
    structuredRequests: { tool: 0, nativeJsonSchema: 0, jsonSchema: 0, jsonObject: 0, text: 0 },
  };
}

/** Token usage of one answer, in the server's neutral terms. */
export interface UsageCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** The mutable counters behind {@link TestServerStats}. */
export class StatsRecorder {
  #stats = emptyStats();
  #inFlight = 0;

  /** A deep copy of the counters. */
  snapshot(): TestServerStats {
    return structuredClone(this.#stats);
  }

  /** Zeroes every counter (requests in flight stay counted as in flight). */
  reset(): void {
    this.#stats = emptyStats();
    this.#stats.maxConcurrent = this.#inFlight;
  }

  /** A request arrived on a route. */
  requestStarted(routeKey: string): void {
    this.#stats.requests[routeKey] = (this.#stats.requests[routeKey] ?? 0) + 1;
    this.#stats.totalRequests += 1;
    this.#inFlight += 1;
    this.#stats.maxConcurrent = Math.max(this.#stats.maxConcurrent, this.#inFlight);
  }

  /** A request's response finished or its socket closed. */
  requestEnded(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
  }

  /** A fault was served. */
  fault(kind: string): void {
    this.#stats.faults[kind] = (this.#stats.faults[kind] ?? 0) + 1;
  }

  /** A request was refused by the rpm/tpm limits. */
  rateLimited(): void {
    this.#stats.rateLimited += 1;
  }

  /** A generation request used a structured-output mode. */
  structured(mode: StructuredMode): void {
    this.#stats.structuredRequests[mode] += 1;
  }

  /** Anthropic content blocks carrying `cache_control` were seen. */
  cacheControlBlocks(count: number): void {
    this.#stats.cacheControlBlocks += count;
  }

  /** An answer reached the client: its usage and the records it held. */
  delivered(
    usage: UsageCounts,
    records: readonly { planted?: PlantKind; echoed?: number; carriesText?: boolean }[],
    requestId?: string,
  ): void {
    if (requestId !== undefined) this.#stats.answeredRequestIds.push(requestId);
    this.#stats.tokens.input += usage.input;
    this.#stats.tokens.output += usage.output;
    this.#stats.tokens.cacheRead += usage.cacheRead;
    this.#stats.tokens.cacheWrite += usage.cacheWrite;
    this.#stats.recordsEmitted += records.length;
    for (const record of records) {
      if (record.planted) this.#stats.planted[record.planted] += 1;
      if (record.echoed !== undefined) this.#stats.echoed.push(record.echoed);
      if (record.carriesText) this.#stats.textPlanted += 1;
    }
  }
}
