/**
 * (i) Pacing from the server's own numbers (issue #20): a run of about 160 requests against a
 * 300 RPM token bucket holding 6 s of burst (30 requests), 400 ms latency, concurrency as the
 * governor decides. Its throughput is set against an ideal client measured analytically for the
 * same parameters and the same number of requests: the whole burst at once, then one request per
 * refill (5 a second), the last one answered a latency later. The same server without rate-limit
 * headers (only 429s with retry-after) shows the AIMD fallback, reported without a target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '@datasynth/testkit';
import { DataSynthesizer } from '../src/index.js';

const BELLE = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');
const REQUESTS_PER_MINUTE = 300;
const BURST_SECONDS = 6;
const LATENCY_MS = 400;
/** Records per call and the target: 160 calls when every record is accepted. */
const BATCH_SIZE = 5;
const TARGET = 160 * BATCH_SIZE;

export interface BurstPacingRow {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
  detail: string;
}

/** Seconds an ideal client needs for `requests` answered calls: burst at once, then the refill rate. */
export function idealSeconds(requests: number): number {
  const burst = (REQUESTS_PER_MINUTE * BURST_SECONDS) / 60;
  const perSecond = REQUESTS_PER_MINUTE / 60;
  return Math.max(0, requests - burst) / perSecond + LATENCY_MS / 1000;
}

interface PacedRun {
  ratio: number;
  answered: number;
  rejected: number;
  seconds: number;
  generated: number;
}

async function pacedRun(limitHeaders: boolean): Promise<PacedRun> {
  const server = await startTestServer({
    tokenBucket: { requestsPerMinute: REQUESTS_PER_MINUTE, burstSeconds: BURST_SECONDS, limitHeaders },
    latencyMs: LATENCY_MS,
    seed: 3,
  });
  try {
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-bench-')), 'out.jsonl');
    let dispatchStarted = 0;
    const result = await new DataSynthesizer(
      {
        model: 'claude-sonnet-4-6',
        baseURL: server.anthropicBaseURL,
        randomSeed: 42,
        targetCount: TARGET,
        batchSize: BATCH_SIZE,
        concurrency: 'auto',
        maxRetries: 8,
      },
      { apiKey: 'sk-ant-bench' },
    ).synthesizeFromDataRecipe(BELLE, {
      output,
      onEvent: (event) => {
        if (event.type === 'start') dispatchStarted = performance.now();
      },
    });
    const seconds = (performance.now() - dispatchStarted) / 1000;
    const stats = server.stats();
    const answered = stats.totalRequests - stats.rateLimited;
    return {
      ratio: idealSeconds(answered) / seconds,
      answered,
      rejected: stats.rateLimited,
      seconds,
      generated: result.generatedCount,
    };
  } finally {
    await server.close();
  }
}

export async function burstPacingBench(): Promise<BurstPacingRow> {
  const paced = await pacedRun(true);
  const blind = await pacedRun(false);
  const describe = (run: PacedRun) =>
    `${run.answered} answered calls in ${run.seconds.toFixed(2)} s vs ideal ${idealSeconds(run.answered).toFixed(2)} s, ${run.rejected} 429s`;
  return {
    name: '(i) burst-aware pacing, 300 RPM bucket with 6 s of burst',
    figure: `${paced.ratio.toFixed(3)} of ideal, ${paced.rejected} 429s; without headers (AIMD on 429s) ${blind.ratio.toFixed(3)}, ${blind.rejected} 429s`,
    target: '≥ 0.95 with headers',
    pass: paced.ratio >= 0.95,
    detail: `with headers: ${describe(paced)}; without: ${describe(blind)}; ${paced.generated} records`,
  };
}
