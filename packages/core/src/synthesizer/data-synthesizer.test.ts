import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readDataRecipeFolder } from '@datasynth/prompts';
import { describe, expect, it } from 'vitest';
import { BELLE_FOLDER, copyBelleFolder, makeTempDir, readJsonl } from '../../test/helpers.js';
import { serveForTest } from '../../test/serve-for-test.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { journalPaths } from '../journal/journal-paths.js';
import { openJournal } from '../journal/open-journal.js';
import { DataSynthesizer } from './data-synthesizer.js';
import type { SynthesisEvent } from './events.js';

function synthesizer(baseURL: string, config: ConstructorParameters<typeof DataSynthesizer>[0] = {}) {
  return new DataSynthesizer(
    { model: 'claude-sonnet-4-6', baseURL, retryBaseMs: 5, concurrency: 4, randomSeed: 7, ...config },
    { apiKey: 'sk-ant-test-key' },
  );
}

function envelope(file: string): {
  metadata: Record<string, unknown>;
  samples: { id: string; data: Record<string, unknown>; synthetic: boolean }[];
} {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

describe('DataSynthesizer on the BELLE DataRecipe folder', () => {
  it('writes exactly 100 valid, unique records with yield ≥ 0.99 on a clean server', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const events: SynthesisEvent[] = [];
    const result = await synthesizer(llm.anthropicBaseURL, { targetCount: 100 }).synthesizeFromDataRecipe(
      dir,
      {
        onEvent: (event) => events.push(event),
      },
    );

    expect(result.stoppedBecause).toBe('done');
    expect(result.generatedCount).toBe(100);
    const output = path.join(dir, '11_合成数据', 'synthetic.json');
    expect(result.outputPath).toBe(output);
    const written = envelope(output);
    expect(written.samples).toHaveLength(100);
    expect(written.samples[0]).toMatchObject({ id: 'SYNTH_0001', synthetic: true });
    expect(new Set(written.samples.map((s) => JSON.stringify(s.data))).size).toBe(100);
    const { schema } = readDataRecipeFolder(dir);
    for (const sample of written.samples) {
      expect(Object.keys(sample.data).sort()).toEqual(schema.fields.map((f) => f.name).sort());
      expect(['generation', 'classification']).toContain(sample.data.category);
    }
    expect(written.metadata).toMatchObject({ model: 'claude-sonnet-4-6', generated_count: 100 });
    expect(JSON.stringify(written.metadata)).not.toContain('sk-ant-test-key');

    const emitted = llm.stats().recordsEmitted;
    expect(100 / emitted).toBeGreaterThanOrEqual(0.99);
    expect(result.usage.inputTokens + result.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(result.actualCost).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events.at(-1)?.type).toBe('finished');
    // the stable prompt prefix is marked for caching and is read from cache after the first calls
    expect(llm.stats().cacheControlBlocks).toBeGreaterThan(0);
    expect(result.usage.cacheReadTokens).toBeGreaterThan(0);
  });

  it('still reaches the target through a fault mix, and the dup/reject counts match what was planted', async () => {
    const llm = await serveForTest({
      seed: 11,
      faults: {
        rateLimit: 0.05,
        server: 0.05,
        overloaded: 0.05,
        reset: 0.03,
        truncate: 0.05,
        malformed: 0.04,
        empty: 0.03,
      },
      plant: { exactDuplicate: 0.06, nearDuplicate: 0.06, invalid: 0.06 },
    });
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 120,
      maxRetries: 6,
      maxAttemptsFactor: 4,
    }).synthesizeFromDataRecipe(dir);

    expect(result.stoppedBecause).toBe('done');
    const written = envelope(result.outputPath);
    expect(written.samples).toHaveLength(120);
    expect(new Set(written.samples.map((s) => JSON.stringify(s.data))).size).toBe(120);

    const planted = llm.stats().planted;
    const rejects = readJsonl(result.rejectsPath);
    const invalid = rejects.filter((r) => r.kind === 'invalid').length;
    const exact = rejects.filter((r) => r.kind === 'duplicate-exact').length;
    const near = rejects.filter((r) => r.kind === 'duplicate-near').length;
    const surplus = rejects.filter((r) => r.kind === 'surplus').length;
    // every planted invalid record is rejected as invalid (none slipped through, none invented)
    expect(invalid).toBe(planted.invalid);
    // every planted duplicate is caught; surplus records past the target are not checked for duplicates
    expect(exact + near).toBeGreaterThanOrEqual(planted.exactDuplicate + planted.nearDuplicate - surplus);
    expect(exact).toBeGreaterThanOrEqual(planted.exactDuplicate - surplus);
    expect(result.duplicates.exact).toBe(exact);
    expect(result.duplicates.near).toBe(near);
  });

  it('refuses to touch an existing output without resume or overwrite', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    fs.writeFileSync(output, '{"keep": true}\n');
    const before = hashTree(dir);
    const error = await synthesizer(llm.anthropicBaseURL, { targetCount: 5 })
      .synthesizeFromDataRecipe(dir, { output })
      .catch((e: unknown) => e);
    expect(SynthesisError.isInstance(error) && error.code).toBe('exists');
    expect(hashTree(dir)).toBe(before);
    expect(llm.stats().totalRequests).toBe(0);
  });

  it('refuses to resume under a changed schema', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    await synthesizer(llm.anthropicBaseURL, { targetCount: 10 }).synthesizeFromDataRecipe(dir, { output });
    const schemaFile = path.join(dir, '04_复刻指南', 'DATA_SCHEMA.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    schema.fields.push({ name: 'difficulty', type: 'integer', required: false });
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    const before = fs.readFileSync(output, 'utf8');
    const error = await synthesizer(llm.anthropicBaseURL, { targetCount: 20 })
      .synthesizeFromDataRecipe(dir, { output, resume: true })
      .catch((e: unknown) => e);
    expect(SynthesisError.isInstance(error) && error.code).toBe('schema_mismatch');
    expect(fs.readFileSync(output, 'utf8')).toBe(before);
  });

  it('refuses an output another run is writing, touching nothing and calling nothing', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    await synthesizer(llm.anthropicBaseURL, { targetCount: 5 }).synthesizeFromDataRecipe(dir, { output });
    const requests = llm.stats().totalRequests;
    const holder = await openJournal({ outputPath: output, mode: 'resume' });
    const before = hashTree(dir);
    for (const mode of [{ resume: true }, { overwrite: true }, {}]) {
      const error = await synthesizer(llm.anthropicBaseURL, { targetCount: 10 })
        .synthesizeFromDataRecipe(dir, { output, ...mode })
        .catch((e: unknown) => e);
      expect(SynthesisError.isInstance(error) && error.code).toBe('locked');
      expect((error as Error).message).toMatch(
        new RegExp(
          `^Output .*out\\.jsonl is being written by process ${process.pid}\\. Wait for it to finish or stop it`,
        ),
      );
    }
    expect(hashTree(dir)).toBe(before);
    expect(llm.stats().totalRequests).toBe(requests);
    await holder.journal.close();
    const resumed = await synthesizer(llm.anthropicBaseURL, { targetCount: 10 }).synthesizeFromDataRecipe(
      dir,
      {
        output,
        resume: true,
      },
    );
    expect(resumed.generatedCount).toBe(10);
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
  });

  it('releases the output lock when setup fails after opening the journal', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const error = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 5,
      maxCost: 1,
      judge: { model: 'claude-unpriced-judge' },
    })
      .synthesizeFromDataRecipe(dir, { output })
      .catch((e: unknown) => e);
    expect(SynthesisError.isInstance(error) && error.code).toBe('unpriced_model');
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
    const result = await synthesizer(llm.anthropicBaseURL, { targetCount: 5 }).synthesizeFromDataRecipe(dir, {
      output,
      resume: true,
    });
    expect(result.stoppedBecause).toBe('done');
  });

  it('stops as cancelled, calling nothing, when the signal was aborted before the start', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const controller = new AbortController();
    controller.abort();
    const result = await synthesizer(llm.anthropicBaseURL, { targetCount: 5 }).synthesizeFromDataRecipe(dir, {
      output,
      signal: controller.signal,
    });
    expect(result.stoppedBecause).toBe('cancelled');
    expect(result.generatedCount).toBe(0);
    expect(llm.stats().totalRequests).toBe(0);
    expect(fs.existsSync(journalPaths(output).lock)).toBe(false);
  });

  it('resumes to exactly the target and continues record ids', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.jsonl');
    const first = await synthesizer(llm.anthropicBaseURL, { targetCount: 15 }).synthesizeFromDataRecipe(dir, {
      output,
    });
    expect(first.generatedCount).toBe(15);
    const second = await synthesizer(llm.anthropicBaseURL, { targetCount: 40 }).synthesizeFromDataRecipe(
      dir,
      {
        output,
        resume: true,
      },
    );
    expect(second.generatedCount).toBe(40);
    expect(second.newCount).toBe(25);
    const lines = readJsonl(output);
    expect(lines).toHaveLength(40);
    const journal = readJsonl(second.journalPath);
    expect(journal.map((entry) => entry.id)).toEqual(
      Array.from({ length: 40 }, (_, i) => `SYNTH_${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('stops before the budget could be exceeded, saves, and reports budget', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 500,
      maxCost: 0.3,
      concurrency: 2,
    }).synthesizeFromDataRecipe(dir, { output: path.join(dir, 'out.json') });
    expect(result.stoppedBecause).toBe('budget');
    expect(result.actualCost).toBeLessThanOrEqual(0.3);
    expect(result.generatedCount).toBeGreaterThan(0);
    expect(result.generatedCount).toBeLessThan(500);
    expect(envelope(result.outputPath).samples).toHaveLength(result.generatedCount);
  });

  it('counts what earlier sessions spent against the cap when resuming', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const first = await synthesizer(llm.anthropicBaseURL, { targetCount: 20 }).synthesizeFromDataRecipe(dir, {
      output,
    });
    const spent = first.actualCost!;
    const requestsBefore = llm.stats().totalRequests;
    const second = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 40,
      maxCost: spent * 0.9,
    }).synthesizeFromDataRecipe(dir, { output, resume: true });
    expect(second.stoppedBecause).toBe('budget');
    expect(second.stopMessage).toMatch(/already spent/);
    // The cap that can finish: what was spent, plus 20 more records at the cost per record so far.
    expect(second.suggestedMaxCost).toBeGreaterThanOrEqual(spent * 2);
    expect(second.stopMessage).toContain(
      `Resume with maxCost ${second.suggestedMaxCost?.toFixed(2)} to finish`,
    );
    expect(llm.stats().totalRequests).toBe(requestsBefore);
    expect(second.generatedCount).toBe(20);
  });

  it('says so when the cap is below the cost of a single call', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 50,
      maxCost: 0.001,
    }).synthesizeFromDataRecipe(dir, { output: path.join(dir, 'out.json') });
    expect(result.stoppedBecause).toBe('budget');
    expect(result.stopMessage).toMatch(/worst-case cost of a single call/);
    expect(llm.stats().totalRequests).toBe(0);
  });

  it('stops cleanly on a rejected key without retrying, naming the problem', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const result = await new DataSynthesizer(
      { baseURL: llm.anthropicBaseURL, targetCount: 10, retryBaseMs: 5 },
      { apiKey: 'invalid-key' },
    ).synthesizeFromDataRecipe(dir, { output: path.join(dir, 'out.json') });
    expect(result.stoppedBecause).toBe('error');
    expect(result.stopMessage).toMatch(/key/i);
    expect(result.stopMessage).not.toContain('invalid-key');
    expect(llm.stats().totalRequests).toBeLessThanOrEqual(4);
  });

  it('stops on quota exhaustion, saves, and says to resume later', async () => {
    const llm = await serveForTest({ faults: { quota: 1 } });
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, { targetCount: 10 }).synthesizeFromDataRecipe(
      dir,
      {
        output: path.join(dir, 'out.json'),
      },
    );
    expect(result.stoppedBecause).toBe('quota');
    expect(result.stopMessage).toMatch(/resume/i);
    expect(fs.existsSync(result.statePath)).toBe(true);
  });

  it('cancels through an AbortSignal, and the run resumes to the exact count', async () => {
    const llm = await serveForTest({ latencyMs: 40 });
    const dir = copyBelleFolder();
    const output = path.join(dir, 'out.json');
    const controller = new AbortController();
    const first = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 60,
      concurrency: 2,
      cancelGraceMs: 50,
    }).synthesizeFromDataRecipe(dir, {
      output,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.progress.accepted >= 10) controller.abort();
      },
    });
    expect(first.stoppedBecause).toBe('cancelled');
    expect(first.generatedCount).toBeLessThan(60);
    const second = await synthesizer(llm.anthropicBaseURL, { targetCount: 60 }).synthesizeFromDataRecipe(
      dir,
      {
        output,
        resume: true,
      },
    );
    expect(second.generatedCount).toBe(60);
    expect(envelope(output).samples).toHaveLength(60);
  });

  it('writes stats and runs the post-hook with substituted values', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const marker = path.join(makeTempDir(), 'hook.txt');
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 12,
      stats: true,
      postHook: `echo {count} {output_path} {analysis_dir} > ${marker}`,
    }).synthesizeFromDataRecipe(dir);
    expect(result.postHook?.ok).toBe(true);
    expect(fs.readFileSync(marker, 'utf8').trim()).toBe(`12 ${result.outputPath} ${dir}`);
    const stats = JSON.parse(fs.readFileSync(result.statsPath!, 'utf8'));
    expect(stats.count).toBe(12);
  });

  it('reports a failing post-hook instead of hiding it', async () => {
    const llm = await serveForTest();
    const dir = copyBelleFolder();
    const result = await synthesizer(llm.anthropicBaseURL, {
      targetCount: 3,
      postHook: 'exit 7',
    }).synthesizeFromDataRecipe(dir);
    expect(result.postHook).toMatchObject({ ok: false, exitCode: 7 });
    expect(result.warnings.some((w) => w.includes('post-hook'))).toBe(true);
  });

  it('estimates from the provider token count when asked, and says when it cannot', async () => {
    const llm = await serveForTest();
    const synth = synthesizer(llm.anthropicBaseURL, { targetCount: 100 });
    const offline = synth.estimate({ analysisDir: BELLE_FOLDER });
    const exact = await synth.estimateExact({ analysisDir: BELLE_FOLDER });
    expect(offline.tokenCount).toBe('offline');
    expect(exact.tokenCount).toBe('provider');
    expect(llm.stats().requests['POST /v1/messages/count_tokens']).toBe(2);
    expect(llm.stats().totalRequests).toBe(2);
    // the loopback server counts CJK text one token a character, unlike the offline Claude estimate
    expect(exact.stablePromptTokens).not.toBe(offline.stablePromptTokens);
    expect(exact.stablePromptTokens).toBeGreaterThan(1000);
    expect(exact.varyingPromptTokens).toBeGreaterThan(0);
    expect(exact.cost.chosen).toBeGreaterThan(0);

    const openai = new DataSynthesizer(
      { model: 'gpt-5-mini', baseURL: llm.openaiBaseURL, targetCount: 100 },
      { apiKey: 'sk-test' },
    );
    const fallback = await openai.estimateExact({ analysisDir: BELLE_FOLDER });
    expect(fallback.tokenCount).toBe('offline');
    expect(fallback.warnings.join(' ')).toMatch(/counted offline/);
  });

  it('fails before touching anything when there is no API key', () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const synth = new DataSynthesizer({ model: 'claude-sonnet-4-6' });
      expect(() => synth.model()).toThrowError(/ANTHROPIC_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('rejects bad settings with a one-line message naming the setting', () => {
    expect(() => new DataSynthesizer({ targetCount: 0 })).toThrowError(/targetCount/);
    expect(() => new DataSynthesizer({ batchSize: 1.5 })).toThrowError(/batchSize/);
    expect(() => new DataSynthesizer({ nope: 1 } as never)).toThrowError(/unknown setting 'nope'/);
  });
});
