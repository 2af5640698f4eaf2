/**
 * Spend benchmarks of issue #20, against the loopback server, each a ratio measured in one run:
 *   (j) billed input tokens per accepted record when 10% of the records the model writes are exact
 *       duplicates and 5% are invalid, against the same figure for a clean run (N = 500, 10 records
 *       per call): top-ups sized from the observed yield keep it near 1 ÷ yield (target ≤ 1.20);
 *   (k) the share of `maxCost` a run spends when the cap is far below the target's cost (target
 *       in [0.90, 1.00]).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServerOptions } from '@datasynth/testkit';
import { DataSynthesizer, type SynthesisConfig, type SynthesisResult } from '../src/index.js';

const BELLE = path.resolve(import.meta.dirname, '../../../examples/datarecipe-belle-zh');

export interface SpendRow {
  name: string;
  figure: string;
  target: string;
  pass: boolean;
  detail: string;
}

async function runAgainst(
  server: TestServerOptions,
  config: SynthesisConfig,
): Promise<{ result: SynthesisResult; emitted: number }> {
  const testServer = await startTestServer(server);
  try {
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datasynth-bench-')), 'out.jsonl');
    const result = await new DataSynthesizer(
      {
        model: 'claude-sonnet-4-6',
        baseURL: testServer.anthropicBaseURL,
        retryBaseMs: 50,
        randomSeed: 42,
        ...config,
      },
      { apiKey: 'sk-ant-bench' },
    ).synthesizeFromDataRecipe(BELLE, { output });
    return { result, emitted: testServer.stats().recordsEmitted };
  } finally {
    await testServer.close();
  }
}

/** Input tokens as billed (Anthropic: cache writes at 1.25×, cache reads at 0.1×). */
function billedInput(result: SynthesisResult): number {
  const { inputTokens, cacheWriteTokens, cacheReadTokens } = result.usage;
  return inputTokens + 1.25 * cacheWriteTokens + 0.1 * cacheReadTokens;
}

export async function topUpBench(): Promise<SpendRow> {
  const config: SynthesisConfig = { targetCount: 500, batchSize: 10, concurrency: 8 };
  const clean = await runAgainst({ seed: 11 }, config);
  const faulty = await runAgainst({ seed: 11, plant: { exactDuplicate: 0.1, invalid: 0.05 } }, config);
  const perRecord = (run: { result: SynthesisResult }) => billedInput(run.result) / run.result.newCount;
  const ratio = perRecord(faulty) / perRecord(clean);
  const observedYield = faulty.result.newCount / faulty.emitted;
  return {
    name: '(j) billed input / record, 10% duplicates + 5% invalid vs clean',
    figure: `${ratio.toFixed(3)} of the clean run (ideal ≈ 1 ÷ yield = ${(1 / observedYield).toFixed(3)})`,
    target: '≤ 1.20',
    pass: ratio <= 1.2 && faulty.result.newCount === 500,
    detail: `${perRecord(faulty).toFixed(0)} vs ${perRecord(clean).toFixed(0)} tokens per record; ${faulty.result.requests} calls vs ${clean.result.requests}; ${faulty.emitted} records written for ${faulty.result.newCount} accepted; cache written ${faulty.result.usage.cacheWriteTokens} vs ${clean.result.usage.cacheWriteTokens} tokens (a call of another size writes it again)`,
  };
}

export async function spendShareBench(): Promise<SpendRow> {
  const maxCost = 0.5;
  const { result } = await runAgainst({ seed: 12 }, { targetCount: 1000, batchSize: 10, maxCost });
  const spent = result.actualCost ?? 0;
  const share = spent / maxCost;
  return {
    name: '(k) maxCost spend share',
    figure: `${share.toFixed(3)} of the cap`,
    target: 'in [0.90, 1.00], stopped by the cap',
    pass: share >= 0.9 && share <= 1 && result.stoppedBecause === 'budget',
    detail: `$${spent.toFixed(4)} of $${maxCost} in ${result.requests} calls, ${result.newCount} of 1000 records; stopped: ${result.stoppedBecause}`,
  };
}
