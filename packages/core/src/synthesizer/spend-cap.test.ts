import path from 'node:path';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBelleFolder } from '../../test/helpers.js';
import { DataSynthesizer } from './data-synthesizer.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

// One call at a time: where a capped run stops depends on the order calls settle, which calls in
// flight together would leave to the machine's scheduling.
function synthesizer(baseURL: string, maxCost: number) {
  return new DataSynthesizer(
    {
      model: 'claude-sonnet-4-6',
      baseURL,
      targetCount: 300,
      batchSize: 10,
      concurrency: 1,
      randomSeed: 9,
      maxCost,
    },
    { apiKey: 'sk-ant-test-key' },
  );
}

describe('maxCost: the run spends the cap', () => {
  it('ends between 0.9 and 1.0 of a cap far below the cost of the target, and the projected cap finishes it on resume', async () => {
    const llm = await startTestServer({ seed: 17 });
    servers.push(llm);
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const cap = 0.3;
    const first = await synthesizer(llm.anthropicBaseURL, cap).synthesize({ analysisDir: dir, output });
    expect(first.stoppedBecause).toBe('budget');
    const spent = first.actualCost ?? Number.NaN;
    expect(spent / cap).toBeGreaterThanOrEqual(0.9);
    expect(spent / cap).toBeLessThanOrEqual(1);
    expect(first.generatedCount).toBeLessThan(300);

    // The stop names a cap for the whole run that can finish the job, and says so.
    const suggested = first.suggestedMaxCost ?? Number.NaN;
    const perRecord = spent / first.generatedCount;
    expect(suggested).toBeGreaterThanOrEqual(spent + (300 - first.generatedCount) * perRecord);
    expect(first.stopMessage).toContain(`Resume with maxCost ${suggested.toFixed(2)} to finish`);
    expect(first.stopMessage).toContain('the cap counts the whole run');

    const resumed = await synthesizer(llm.anthropicBaseURL, suggested).synthesize({
      analysisDir: dir,
      output,
      resume: true,
    });
    expect(resumed.stoppedBecause).toBe('done');
    expect(resumed.generatedCount).toBe(300);
    // This run and the whole output so far, apart.
    expect(resumed.thisRun.records).toBe(300 - first.generatedCount);
    expect(resumed.newCount).toBe(resumed.thisRun.records);
    expect(resumed.wholeOutput.records).toBe(300);
    expect(resumed.thisRun.cost).toBe(resumed.actualCost);
    expect(resumed.wholeOutput.cost).toBeCloseTo(spent + (resumed.actualCost ?? Number.NaN), 5);
    expect(resumed.wholeOutput.cost ?? Number.NaN).toBeLessThanOrEqual(suggested);
    expect(resumed.wholeOutput.usage.outputTokens).toBe(
      first.usage.outputTokens + resumed.thisRun.usage.outputTokens,
    );
  });
});
