import path from 'node:path';
import { resolveModel } from '@datasynth/providers';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBelleFolder, readJsonl } from '../../test/helpers.js';
import { RecordingModel } from '../../test/recording-model.js';
import { DataSynthesizer } from './data-synthesizer.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Records each generation call asked for (the count the varying prompt and the envelope carry). */
function askedPerCall(model: RecordingModel): number[] {
  return model.calls
    .map((call) => call.request.output?.schema as { properties?: { records?: { maxItems?: number } } })
    .map((schema) => schema?.properties?.records?.maxItems ?? 0);
}

// One call at a time: the server draws duplicates and invalid records in arrival order, so calls in
// flight together would make the yields (and the verdict) depend on the machine's scheduling.
describe('top-ups sized from the observed yield', () => {
  it('asks for the shortfall in full batches at 10% duplicates + 5% invalid, keeping the surplus as rejects', async () => {
    const llm = await startTestServer({ seed: 31, plant: { exactDuplicate: 0.1, invalid: 0.05 } });
    servers.push(llm);
    const model = new RecordingModel(
      resolveModel('claude-sonnet-4-6', { baseURL: llm.anthropicBaseURL, apiKey: 'sk-ant-test-key' }),
    );
    const dir = copyBelleFolder();
    const result = await new DataSynthesizer(
      { model: 'claude-sonnet-4-6', targetCount: 200, batchSize: 10, concurrency: 1, randomSeed: 5 },
      { apiKey: 'sk-ant-test-key', languageModel: model },
    ).synthesizeFromDataRecipe(dir, { output: path.join(dir, 'out.jsonl') });
    expect(result.stoppedBecause).toBe('done');
    expect(readJsonl(result.outputPath)).toHaveLength(200);

    const asked = askedPerCall(model);
    // No top-up in calls of a few records: only a last call for a whole shortfall under half a batch
    // is smaller than that, and calls of other sizes than a full batch (a schema, and a cache write,
    // each) are the rare exception.
    expect(asked.slice(0, -1).every((count) => count >= 5)).toBe(true);
    expect(asked.filter((count) => count !== 10).length).toBeLessThanOrEqual(2);
    // Calls: what 200 records need at the yield the planted rates give (about 0.85), plus a top-up.
    expect(asked.length).toBeLessThanOrEqual(Math.ceil(200 / 0.85 / 10) + 2);
    // Records past the target are kept as surplus rejects, counted as such.
    const rejects = readJsonl(result.rejectsPath);
    const surplus = rejects.filter((entry) => entry.kind === 'surplus').length;
    expect(surplus).toBe(result.rejectedByReason.surplus ?? 0);
    expect(result.funnel.requested).toBe(asked.reduce((sum, count) => sum + count, 0));
  });
});
