import fs from 'node:fs';
import path from 'node:path';
import { resolveModel } from '@datasynth/providers';
import { startTestServer, type TestServer } from '@datasynth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBelleFolder, makeTempDir } from '../../test/helpers.js';
import { RecordingModel } from '../../test/recording-model.js';
import { canonicalJson } from '../dedup/index.js';
import { belleSamples } from '../dedup/test-support/seed-records.js';
import { SynthesisError } from '../errors/synthesis-error.js';
import { DataSynthesizer } from '../synthesizer/data-synthesizer.js';
import { cohensKappa, spearmanCorrelation } from './judge-agreement.js';
import { describeJudgeAgreement, readJudgeGold } from './judge-gold.js';

const API_KEY = 'sk-ant-test-key';
let llm: TestServer;
beforeAll(async () => {
  llm = await startTestServer({ seed: 29 });
});
afterAll(async () => {
  await llm.close();
});

describe('readJudgeGold', () => {
  it('takes scores and labels beside the fields, beside an envelope sample, or around a `record`', async () => {
    const dir = makeTempDir();
    const jsonl = path.join(dir, 'gold.jsonl');
    fs.writeFileSync(
      jsonl,
      [
        { instruction: 'a', output: 'b', score: 4 },
        { record: { instruction: 'c', output: 'd' }, label: 'reject' },
        { instruction: 'e', output: 'f', human_score: 2, label: 'PASS' },
      ]
        .map((item) => JSON.stringify(item))
        .join('\n'),
    );
    expect(await readJudgeGold(jsonl)).toEqual([
      { record: { instruction: 'a', output: 'b' }, score: 4 },
      { record: { instruction: 'c', output: 'd' }, label: 'reject' },
      { record: { instruction: 'e', output: 'f' }, score: 2, label: 'keep' },
    ]);
    const envelope = path.join(dir, 'gold.json');
    fs.writeFileSync(
      envelope,
      JSON.stringify({ samples: [{ id: 'G1', data: { instruction: 'x' }, score: 0.5 }] }),
    );
    expect(await readJudgeGold(envelope)).toEqual([{ record: { instruction: 'x' }, score: 0.5 }]);
  });

  it('refuses an item without a judgement, and a missing file, in one line naming the file', async () => {
    const dir = makeTempDir();
    const unjudged = path.join(dir, 'gold.jsonl');
    fs.writeFileSync(unjudged, '{"instruction":"a","score":4}\n{"instruction":"b","label":"maybe"}\n');
    for (const [file, expected] of [
      [unjudged, /Gold item 2 in .*gold\.jsonl has neither a numeric score nor a keep\/reject label/],
      [path.join(dir, 'missing.jsonl'), /Gold file .*missing\.jsonl cannot be used: .*does not exist/],
    ] as const) {
      const error = await readJudgeGold(file).catch((caught: unknown) => caught);
      expect(SynthesisError.isInstance(error) && error.code).toBe('invalid_input');
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('DataSynthesizer.checkJudge', () => {
  it('runs the judge on the gold records and reports kappa and Spearman against the human scores', async () => {
    const dir = copyBelleFolder();
    const samples = belleSamples().slice(0, 24);
    // BELLE's rubric scores 0, 0.5 and 1; humans here score in the same scale
    const human = samples.map((_, index) => [0, 0.5, 1][index % 3]!);
    const gold = path.join(makeTempDir(), 'gold.jsonl');
    fs.writeFileSync(
      gold,
      samples.map((sample, index) => JSON.stringify({ ...sample, score: human[index] })).join('\n'),
    );
    const judgeModel = new RecordingModel(
      resolveModel('claude-haiku-4-5', { baseURL: llm.anthropicBaseURL, apiKey: API_KEY }),
    );
    const synthesizer = new DataSynthesizer(
      {
        model: 'claude-sonnet-4-6',
        baseURL: llm.anthropicBaseURL,
        judge: { model: 'claude-haiku-4-5', batchSize: 8 },
        judgeGold: gold,
      },
      { apiKey: API_KEY, judgeLanguageModel: judgeModel },
    );
    const report = await synthesizer.checkJudge({ analysisDir: dir });

    // what the judge answered, record by record, read off the recorded calls
    const judgeScoreOf = new Map<string, number>();
    for (const call of judgeModel.calls) {
      const lines = call.request.messages[0]!.content.split('\n').filter((line) => /^\[\d+\] /.test(line));
      const records = lines.map((line) => canonicalJson(JSON.parse(line.replace(/^\[\d+\] /, ''))));
      for (const entry of (call.result.object as { scores: { index: number; score: number }[] }).scores)
        judgeScoreOf.set(records[entry.index]!, entry.score);
    }
    expect(judgeModel.calls).toHaveLength(3);
    const judgeScores = samples.map((sample) => judgeScoreOf.get(canonicalJson(sample))!);
    expect(judgeScores.every((score) => score !== undefined)).toBe(true);
    const decide = (score: number) => (score >= 0.5 ? 'keep' : 'reject');
    expect(report).toMatchObject({
      file: gold,
      judgeModel: 'claude-haiku-4-5',
      generatorModel: 'claude-sonnet-4-6',
      sameModelAsGenerator: false,
      threshold: 0.5,
      items: 24,
      scored: 24,
    });
    expect(report.kappa).toBeCloseTo(cohensKappa(judgeScores.map(decide), human.map(decide))!, 12);
    expect(report.spearman).toBeCloseTo(spearmanCorrelation(judgeScores, human)!, 12);
    expect(report.usage.inputTokens).toBeGreaterThan(0);
    expect(report.cost).toBeGreaterThan(0);
    expect(describeJudgeAgreement(report)).toHaveLength(1);
  });

  it('warns when the judge is the generating model', async () => {
    const dir = copyBelleFolder();
    const gold = path.join(makeTempDir(), 'gold.jsonl');
    fs.writeFileSync(
      gold,
      belleSamples()
        .slice(0, 4)
        .map((sample) => JSON.stringify({ ...sample, label: 'keep' }))
        .join('\n'),
    );
    const synthesizer = new DataSynthesizer(
      { model: 'claude-sonnet-4-6', baseURL: llm.anthropicBaseURL, judgeGold: gold },
      { apiKey: API_KEY },
    );
    const report = await synthesizer.checkJudge({ analysisDir: dir });
    expect(report).toMatchObject({ judgeModel: 'claude-sonnet-4-6', sameModelAsGenerator: true, items: 4 });
    const lines = describeJudgeAgreement(report);
    expect(lines[1]).toMatch(/The judge is the generating model \(claude-sonnet-4-6\)/);
  });
});
