import fs from 'node:fs';
import path from 'node:path';
import { resolveModel } from '@datasynth/providers';
import { describe, expect, it } from 'vitest';
import { heldOutRecords } from '../../test/held-out-records.js';
import { copyBelleFolder, makeTempDir, readJsonl } from '../../test/helpers.js';
import { RecordingModel } from '../../test/recording-model.js';
import { serveForTest } from '../../test/serve-for-test.js';
import { canonicalJson } from '../dedup/index.js';
import { belleSamples } from '../dedup/test-support/seed-records.js';
import { readProvenanceSidecar } from '../provenance/provenance-sidecar.js';
import { DataSynthesizer } from './data-synthesizer.js';

const API_KEY = 'sk-ant-test-key';

function synthesizer(
  baseURL: string,
  config: ConstructorParameters<typeof DataSynthesizer>[0] = {},
  options: ConstructorParameters<typeof DataSynthesizer>[1] = {},
) {
  return new DataSynthesizer(
    { model: 'claude-sonnet-4-6', baseURL, retryBaseMs: 5, concurrency: 4, randomSeed: 7, ...config },
    { apiKey: API_KEY, ...options },
  );
}

function recording(baseURL: string, model = 'claude-sonnet-4-6'): RecordingModel {
  return new RecordingModel(resolveModel(model, { baseURL, apiKey: API_KEY }));
}

interface Sample {
  id: string;
  data: Record<string, unknown>;
  judge?: { score: number; reason: string; model: string };
}
function samples(file: string): Sample[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: Sample[] }).samples;
}

describe('planted records', () => {
  it('removes every exact duplicate and invalid record, and ≥ 95% of near duplicates', async () => {
    const llm = await serveForTest({
      seed: 21,
      plant: { exactDuplicate: 0.1, nearDuplicate: 0.1, invalid: 0.1 },
    });
    const dir = copyBelleFolder();
    // One call at a time: only the last call can overshoot the target (top-ups are asked for in full
    // batches), and its records past the target are kept as surplus, unchecked: at most a batch's worth.
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 300,
      concurrency: 1,
    }).synthesizeFromDataRecipe(dir);
    expect(result.stoppedBecause).toBe('done');

    const planted = llm.stats().planted;
    expect(planted.exactDuplicate).toBeGreaterThan(20);
    expect(planted.nearDuplicate).toBeGreaterThan(20);
    expect(planted.invalid).toBeGreaterThan(20);
    const rejects = readJsonl(result.rejectsPath);
    const count = (kind: string) => rejects.filter((entry) => entry.kind === kind).length;
    const surplus = count('surplus');
    expect(surplus).toBeLessThan(10);
    expect(count('duplicate-exact')).toBeGreaterThanOrEqual(planted.exactDuplicate - surplus);
    expect(count('duplicate-exact')).toBeLessThanOrEqual(planted.exactDuplicate);
    expect(count('duplicate-near')).toBeGreaterThanOrEqual(Math.ceil(0.95 * planted.nearDuplicate) - surplus);
    expect(count('duplicate-near')).toBeLessThanOrEqual(planted.nearDuplicate);
    expect(count('invalid')).toBeGreaterThanOrEqual(planted.invalid - surplus);
    expect(count('invalid')).toBeLessThanOrEqual(planted.invalid);
    expect(
      rejects.filter((entry) => entry.kind === 'invalid').every((entry) => entry.data !== undefined),
    ).toBe(true);

    const output = samples(result.outputPath);
    expect(output).toHaveLength(300);
    expect(new Set(output.map((sample) => canonicalJson(sample.data))).size).toBe(300);
    // the funnel adds up: every planted record fell out at its stage
    expect(result.funnel).toMatchObject({ unique: 300, judged: 300 });
    // (valid surplus records are counted as valid, never as unique)
    const validNotKept =
      result.funnel.valid - result.funnel.unique - count('duplicate-exact') - count('duplicate-near');
    expect(validNotKept).toBeGreaterThanOrEqual(0);
    expect(validNotKept).toBeLessThanOrEqual(surplus);
    expect(result.funnel.parsed - result.funnel.valid).toBe(count('invalid'));
  }, 60_000);
});

describe('steering', () => {
  it('balances an enum field to its target within ±10% over 500 records', async () => {
    const llm = await serveForTest({ seed: 5, plant: { invalid: 0.05 } });
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 500,
      batchSize: 20,
      stats: true,
      statsHtml: true,
      steering: { enumTargets: { category: { generation: 3, classification: 1 } } },
    }).synthesizeFromDataRecipe(dir);
    expect(result.stoppedBecause).toBe('done');
    const counts = { generation: 0, classification: 0 };
    for (const sample of samples(result.outputPath)) counts[sample.data.category as keyof typeof counts]++;
    expect(Math.abs(counts.generation - 375)).toBeLessThanOrEqual(37.5);
    expect(Math.abs(counts.classification - 125)).toBeLessThanOrEqual(12.5);
    const state = JSON.parse(fs.readFileSync(result.statePath, 'utf8'));
    expect(state.enumTargets).toEqual({ category: { generation: 0.75, classification: 0.25 } });
    // the HTML report sits beside the stats and draws the targets
    expect(result.statsHtmlPath).toBe(`${result.outputPath}.stats.html`);
    const html = fs.readFileSync(result.statsHtmlPath!, 'utf8');
    expect(html).toContain('target 75%');
  }, 60_000);

  it('without steering the same server gives no such balance (the control)', async () => {
    const llm = await serveForTest({ seed: 5 });
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 200,
      batchSize: 20,
    }).synthesizeFromDataRecipe(copyBelleFolder());
    const generation = samples(result.outputPath).filter(
      (sample) => sample.data.category === 'generation',
    ).length;
    expect(generation / 200).toBeLessThan(0.65);
  }, 30_000);

  it('spreads topics round-robin, asks for the values it lacks, and names recent duplicates to avoid', async () => {
    const llm = await serveForTest({ seed: 9, plant: { exactDuplicate: 0.2 } });
    const model = recording(llm.anthropicBaseURL);
    const result = await synthesizer(
      llm.anthropicBaseURL,
      { targetCount: 60, concurrency: 1, steering: { topics: ['poetry', 'maths', 'cooking'] } },
      { languageModel: model },
    ).synthesizeFromDataRecipe(copyBelleFolder());
    expect(result.stoppedBecause).toBe('done');
    const prompts = model.calls.map((call) => call.request.messages[0]!.content);
    const topics = prompts.map((prompt) => /主题：(.+)/.exec(prompt)?.[1]);
    expect(topics.slice(0, 4)).toEqual(['poetry', 'maths', 'cooking', 'poetry']);
    expect(prompts.every((prompt) => prompt.includes('`category` 依次为'))).toBe(true);
    // after the first duplicates, later prompts list what they were about
    expect(prompts.slice(2).some((prompt) => prompt.includes('以下内容已经写过，不要再写'))).toBe(true);
  }, 30_000);

  it('generates topics once from the seeds and reuses them on resume', async () => {
    const llm = await serveForTest({ seed: 4 });
    const dir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.json');
    const first = recording(llm.anthropicBaseURL);
    const controller = new AbortController();
    const partial = await synthesizer(
      llm.anthropicBaseURL,
      { targetCount: 40, concurrency: 1, cancelGraceMs: 0, steering: { generateTopics: 6 } },
      { languageModel: first },
    ).synthesize({
      analysisDir: dir,
      output,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.progress.accepted >= 10) controller.abort();
      },
    });
    expect(partial.stoppedBecause).toBe('cancelled');
    const topicCalls = (model: RecordingModel) =>
      model.calls.filter((call) => call.request.output?.name === 'list_topics');
    expect(topicCalls(first)).toHaveLength(1);
    const state = JSON.parse(fs.readFileSync(partial.statePath, 'utf8'));
    expect(state.topics).toHaveLength(6);

    const second = recording(llm.anthropicBaseURL);
    const resumed = await synthesizer(
      llm.anthropicBaseURL,
      { targetCount: 40, concurrency: 1, steering: { generateTopics: 6 } },
      { languageModel: second },
    ).synthesize({ analysisDir: dir, output, resume: true });
    expect(resumed.stoppedBecause).toBe('done');
    expect(topicCalls(second)).toHaveLength(0);
    const used = second.calls.map((call) => /主题：(.+)/.exec(call.request.messages[0]!.content)?.[1]);
    expect(used.every((topic) => topic !== undefined && state.topics.includes(topic))).toBe(true);
  }, 30_000);
});

describe('diversity over the run', () => {
  it('keeps distinct-2 and the near-duplicate share per chunk in the state and draws them, with the target, in the report', async () => {
    const llm = await serveForTest({ seed: 35, plant: { nearDuplicate: 0.1 } });
    const dir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.jsonl');
    const target = { minDistinct2: 0.6, maxNearDuplicateRate: 0.2 };
    const run = (targetCount: number, resume: boolean) =>
      synthesizer(llm.anthropicBaseURL, {
        targetCount,
        concurrency: 1,
        statsHtml: true,
        steering: { diversityTarget: target },
      }).synthesize({ analysisDir: dir, output, resume });
    const first = await run(60, false);
    expect(first.stoppedBecause).toBe('done');
    const trail = JSON.parse(fs.readFileSync(first.statePath, 'utf8')).diversityTrail;
    // 60 records in chunks of 10 (at least 10 records a point, about 20 points a run)
    expect(trail.chunkSize).toBe(10);
    expect(trail.target).toEqual(target);
    expect(trail.points.map((point: { accepted: number }) => point.accepted)).toEqual([
      10, 20, 30, 40, 50, 60,
    ]);
    for (const point of trail.points) {
      expect(point.distinct2).toBeGreaterThan(0);
      expect(point.distinct2).toBeLessThanOrEqual(1);
      expect(point.nearDuplicateRate).toBeGreaterThanOrEqual(0);
      expect(point.nearDuplicateRate).toBeLessThan(1);
    }
    const duplicates = trail.points.reduce(
      (sum: number, point: { duplicates: number }) => sum + point.duplicates,
      0,
    );
    expect(duplicates).toBe(first.duplicates.exact + first.duplicates.near);
    const html = fs.readFileSync(first.statsHtmlPath!, 'utf8');
    const section = html.slice(html.indexOf('<section id="diversity-trail">'));
    expect(section.match(/<circle class="series-distinct"/g)).toHaveLength(6);
    expect(section.match(/<circle class="series-duplicates"/g)).toHaveLength(6);
    expect(section.match(/class="target-line /g)).toHaveLength(2);
    expect(section).toContain('target distinct-2 ≥ 0.6');

    // a resume keeps the history and adds to it
    const resumed = await run(80, true);
    expect(resumed.generatedCount).toBe(80);
    const after = JSON.parse(fs.readFileSync(resumed.statePath, 'utf8')).diversityTrail;
    expect(after.points.slice(0, 6)).toEqual(trail.points);
    expect(after.points.map((point: { accepted: number }) => point.accepted)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80,
    ]);
  });
});

describe('held-out sets (holdout)', () => {
  it('rejects exactly the held-out items a server echoes, as contamination naming file and item', async () => {
    const heldOut = heldOutRecords(12);
    const holdoutFile = path.join(makeTempDir(), 'eval.jsonl');
    fs.writeFileSync(holdoutFile, heldOut.map((record) => JSON.stringify(record)).join('\n'));
    const llm = await serveForTest({ seed: 31, plant: { echo: { records: heldOut, share: 0.08 } } });
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 80,
      concurrency: 1,
      holdout: [holdoutFile],
    }).synthesizeFromDataRecipe(dir);
    expect(result.stoppedBecause).toBe('done');
    const echoed = llm.stats().echoed;
    expect(echoed.length).toBeGreaterThan(3);
    const contamination = readJsonl(result.rejectsPath).filter((entry) => entry.kind === 'contamination');
    // one call at a time: the rejects are the echoes, in the order the server sent them
    expect(contamination.map((entry) => (entry.overlap as { item: number }).item - 1)).toEqual(echoed);
    for (const entry of contamination) {
      expect(entry.overlap).toMatchObject({ file: holdoutFile, kind: 'exact', similarity: 1 });
      expect((entry.reasons as string[])[0]).toMatch(/^exact overlap with item \d+ of held-out /);
    }
    expect(result.rejectedByReason.contamination).toBe(echoed.length);
    const heldOutKeys = new Set(heldOut.map((record) => canonicalJson(record)));
    expect(
      samples(result.outputPath).filter((sample) => heldOutKeys.has(canonicalJson(sample.data))),
    ).toEqual([]);
    expect(samples(result.outputPath)).toHaveLength(80);
  });

  it('refuses a missing held-out file before anything is written or sent', async () => {
    const llm = await serveForTest({ seed: 32 });
    const dir = copyBelleFolder();
    const output = path.join(makeTempDir(), 'out.jsonl');
    const error = await synthesizer(llm.anthropicBaseURL, { targetCount: 5, holdout: ['missing-eval.jsonl'] })
      .synthesizeFromDataRecipe(dir, { output })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /^Held-out file missing-eval\.jsonl cannot be used: .*`holdout`\.$/,
    );
    expect(llm.stats().totalRequests).toBe(0);
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
  });
});

describe('seed copies (rejectSeedCopies)', () => {
  /** New records that quote 30 characters of a BELLE seed's output amid 120 characters of their own. */
  function seedQuotes(): Record<string, unknown>[] {
    // a quote of 30 characters holding at least 24 Han ones: a CJK run longer than the 20 of the rule
    const seeds = belleSamples().filter(
      (seed) =>
        (
          String(seed.output)
            .slice(0, 30)
            .match(/\p{Script=Han}/gu) ?? []
        ).length >= 24,
    );
    return seeds.slice(0, 6).map((seed, index) => {
      const own = (length: number, salt: number) =>
        Array.from({ length }, (_, k) =>
          String.fromCodePoint(0x4e00 + ((index * 7919 + k * 104_729 + salt) % 20_000)),
        ).join('');
      return {
        instruction: `请续写下面这段文字：${own(16, 1)}`,
        input: '',
        output: `${String(seed.output).slice(0, 30)}${own(120, 2)}`,
        category: seed.category,
      };
    });
  }

  it.each([
    ['on by default: every echoed seed quote is rejected as seed-copy', undefined],
    ['off: the same quotes are accepted, none rejected as seed-copy', false],
  ] as const)('%s', async (_name, rejectSeedCopies) => {
    const quotes = seedQuotes();
    const llm = await serveForTest({ seed: 33, plant: { echo: { records: quotes, share: 0.2 } } });
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 40,
      concurrency: 1,
      ...(rejectSeedCopies !== undefined && { rejectSeedCopies }),
    }).synthesizeFromDataRecipe(copyBelleFolder());
    expect(result.stoppedBecause).toBe('done');
    const echoed = llm.stats().echoed;
    expect(echoed.length).toBeGreaterThan(1);
    const quoteKeys = new Set(quotes.map((quote) => canonicalJson(quote)));
    const kept = samples(result.outputPath).filter((sample) => quoteKeys.has(canonicalJson(sample.data)));
    if (rejectSeedCopies === false) {
      expect(result.rejectedByReason['seed-copy']).toBeUndefined();
      // each distinct quote once (a second echo of one is an exact duplicate)
      expect(kept).toHaveLength(new Set(echoed).size);
    } else {
      expect(kept).toEqual([]);
      expect(result.rejectedByReason['seed-copy']).toBe(echoed.length);
    }
  });
});

describe('judge', () => {
  it('drops exactly the records scored below the threshold, keeps scores beside the data, and meters the judge', async () => {
    const llm = await serveForTest({ seed: 13 });
    const dir = copyBelleFolder();
    const judgeModel = recording(llm.anthropicBaseURL, 'claude-haiku-4-5');
    const result = await synthesizer(
      llm.anthropicBaseURL,
      { targetCount: 60, judge: { model: 'claude-haiku-4-5', batchSize: 8 }, stats: true },
      { judgeLanguageModel: judgeModel },
    ).synthesizeFromDataRecipe(dir);
    expect(result.stoppedBecause).toBe('done');

    // BELLE's rubric scores 0, 0.5 and 1: the default threshold is the middle, 0.5.
    const threshold = 0.5;
    const below = new Set<string>();
    const atOrAbove = new Set<string>();
    let judged = 0;
    for (const call of judgeModel.calls) {
      const lines = call.request.messages[0]!.content.split('\n').filter((line) => /^\[\d+\] /.test(line));
      const records = lines.map((line) => canonicalJson(JSON.parse(line.replace(/^\[\d+\] /, ''))));
      const scores = (call.result.object as { scores: { index: number; score: number }[] }).scores;
      expect(scores.map((entry) => entry.index)).toEqual(records.map((_, index) => index));
      for (const entry of scores) {
        judged++;
        (entry.score < threshold ? below : atOrAbove).add(records[entry.index]!);
      }
    }
    expect(below.size).toBeGreaterThan(5);

    const rejects = readJsonl(result.rejectsPath);
    const judgedOut = rejects.filter((entry) => entry.kind === 'judged-below-threshold');
    expect(new Set(judgedOut.map((entry) => canonicalJson(entry.data as Record<string, unknown>)))).toEqual(
      below,
    );
    for (const entry of judgedOut) expect((entry.judge as { score: number }).score).toBeLessThan(threshold);

    const output = samples(result.outputPath);
    expect(output).toHaveLength(60);
    for (const sample of output) {
      expect(atOrAbove.has(canonicalJson(sample.data))).toBe(true);
      expect(sample.judge?.score).toBeGreaterThanOrEqual(threshold);
      expect(sample.judge?.model).toBe('claude-haiku-4-5');
      expect(sample.data).not.toHaveProperty('judge');
    }
    // the sidecar carries the verdict each record passed with
    const provenance = (await readProvenanceSidecar(result.outputPath)) ?? [];
    expect(provenance.map((line) => line.id)).toEqual(output.map((sample) => sample.id));
    for (const [index, sample] of output.entries()) expect(provenance[index]?.judge).toEqual(sample.judge);
    const surplus = rejects.filter((entry) => entry.kind === 'surplus').length;
    expect(output.length + judgedOut.length + surplus).toBe(judged);
    expect(result.funnel.judged).toBe(60);
    expect(result.rejectedByReason['judged-below-threshold']).toBe(below.size);

    // the judge's calls are metered and priced beside the generation's
    const state = JSON.parse(fs.readFileSync(result.statePath, 'utf8'));
    expect(state.costByModel['claude-haiku-4-5'].calls).toBe(judgeModel.calls.length);
    expect(state.costByModel['claude-haiku-4-5'].cost).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(
      state.costByModel['claude-sonnet-4-6'].usage.outputTokens,
    );
  }, 30_000);

  it('is included in the estimate', () => {
    const plain = new DataSynthesizer({ targetCount: 1000 }).estimate({ analysisDir: copyBelleFolder() });
    const judged = new DataSynthesizer({
      targetCount: 1000,
      judge: { model: 'claude-haiku-4-5' },
    }).estimate({ analysisDir: copyBelleFolder() });
    expect(judged.judge?.model).toBe('claude-haiku-4-5');
    expect(judged.judge?.calls).toBe(Math.ceil(1250 / 10));
    expect(judged.judge?.cost).toBeGreaterThan(0);
    expect(judged.cost.chosen).toBeCloseTo(
      plain.cost.chosen! + judged.judge!.cost! + judged.judge!.extraGenerationCost!,
      9,
    );
  });
});
